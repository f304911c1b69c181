namespace ActorKeys.Protocol.Wire;

/// <summary>
/// The binary encoding of the six AK1 messages, for the actor layer's serializer. Every frame from the network
/// passes through <see cref="Decode"/>, so decoding is total (one exception type, or none with
/// <see cref="TryDecode"/>), linear in the input, and allocates nothing beyond the decoded message, whose size
/// is bounded by the input and by <see cref="WireLimits"/>.
/// </summary>
/// <remarks>
/// <para>
/// Layout. Integers are little-endian; byte fields of fixed size have no length prefix; n is the id's UTF-8
/// byte count and c the ciphertext length. Each message has exactly one encoding: no padding, no trailing
/// bytes, strict UTF-8, so a decoded message re-encodes to the very bytes it came from.
/// </para>
/// <code>
/// message    tag  offset    size  field              rule on decode
/// ---------  ---  --------  ----  -----------------  -----------------------------------------------
/// Hello       1     0          1  tag
///                   1          1  Version            2 (Ak1.Version), else UnsupportedVersion and nothing after it is read
///                   2          2  ClientId length n  u16, 1..64 (ClientId.MaxLength), else InvalidField
///                   4          n  ClientId           strict UTF-8, else InvalidField; syntax NOT checked
///                 4+n          4  Epoch              u32
///                 8+n          8  KeyId
///                16+n          2  Server length m    u16, 1..255, else InvalidField
///                18+n          m  Server             strict UTF-8, else InvalidField
///              18+n+m          8  TimeMs             u64
///              26+n+m         32  ClientNonce
///              58+n+m         32  ClientEphemeral
///              90+n+m         32  Binder
///                                  total 122+n+m
/// Challenge   2     0          1  tag
///                   1         16  SessionId
///                  17         32  ServerNonce
///                  49         32  ServerEphemeral
///                  81         32  ConfirmServer
///                                  total 113
/// Finish      3     0          1  tag
///                   1         16  SessionId
///                  17         32  ConfirmClient
///                                  total 49
/// Rejected    4     0          1  tag                (the version-1 layout: answers a Hello of another version)
///                   1          1  Reason             1..6 (not revoked), else InvalidField
///                                  total 2
/// Sealed      5     0          1  tag
///                   1         16  SessionId
///                  17          4  Generation         u32
///                  21          8  Seq                u64
///                  29          4  Ciphertext length c  u32, c &gt;= 17 (AEAD tag + kind byte) else InvalidField,
///                                                    c &lt;= MaxMessageBytes + 16 else Oversized (both before reading)
///                  33          c  Ciphertext
///                                  total 33+c  (MaxFrameOverhead = 33)
/// Rejected2   6     0          1  tag
///                   1          1  Reason             a defined RejectReason (1..7), else InvalidField
///                   2         32  ClientNonce        the nonce of the Hello answered
///                  34         16  Proof              all zero unless Reason is revoked (7), else InvalidField
///                                  total 50
/// </code>
/// <para>
/// Errors: no bytes → Empty; another tag → UnknownType; input ends inside a field → Truncated; bytes after a
/// complete message → TrailingBytes. The first failing field, in layout order, decides the error.
/// </para>
/// </remarks>
public static class WireCodec
{
    /// <summary>The bytes of a Sealed frame besides its ciphertext (tag, session id, generation, seq, length), the largest overhead of any record.</summary>
    public const int MaxFrameOverhead = WireLayout.SealedHeaderBytes;

    /// <summary>Encodes one message. Throws <see cref="ArgumentException"/> for a record the decoder would refuse.</summary>
    public static byte[] Encode(IAk1Message message) => WireEncoder.Encode(message);

    /// <summary>Decodes exactly one message filling all of <paramref name="bytes"/>; throws <see cref="WireDecodeException"/> and nothing else.</summary>
    public static IAk1Message Decode(ReadOnlySpan<byte> bytes, WireLimits? limits = null) =>
        WireDecoder.Decode(bytes, limits ?? WireLimits.Default, out var failure) ?? throw failure.ToException();

    /// <summary>
    /// Decodes exactly one message filling all of <paramref name="bytes"/>; never throws. On success
    /// <paramref name="error"/> carries no meaning (it is the enum's default), since the enum has no "none" member.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out IAk1Message? message, out WireDecodeError error, WireLimits? limits = null)
    {
        message = WireDecoder.Decode(bytes, limits ?? WireLimits.Default, out var failure);
        error = failure.Error ?? default;
        return message is not null;
    }
}
