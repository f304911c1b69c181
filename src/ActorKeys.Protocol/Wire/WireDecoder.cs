using ActorKeys.Protocol.Values;
using System.Text.Unicode;

namespace ActorKeys.Protocol.Wire;

/// <summary>
/// The decoding side of <see cref="WireCodec"/>: total over every input. It reports failures as values, never
/// throws, and allocates only once a message is known good: a failure costs no allocation (its field names are constants).
/// </summary>
internal static class WireDecoder
{
    private const string TypeTagField = "type tag";
    private const string LengthSuffix = " length";

    public static IAk1Message? Decode(ReadOnlySpan<byte> bytes, WireLimits limits, out WireFailure failure)
    {
        if (bytes.IsEmpty)
        {
            failure = new WireFailure(WireDecodeError.Empty, null, null);
            return null;
        }
        var body = bytes[WireLayout.TagBytes..];
        var (message, found) = (WireTag)bytes[0] switch
        {
            WireTag.Hello => DecodeHello(body),
            WireTag.Challenge => DecodeChallenge(body),
            WireTag.Finish => DecodeFinish(body),
            WireTag.Rejected => DecodeRejected(body),
            WireTag.Sealed => DecodeSealed(body, limits),
            WireTag.Rejected2 => DecodeRejected2(body),
            _ => (null, default),
        };
        failure = message is null && found.Error is null
            ? new WireFailure(WireDecodeError.UnknownType, null, TypeTagField)
            : found;
        return message;
    }

    private static (IAk1Message?, WireFailure) DecodeHello(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, nameof(Hello));
        var version = r.U8(nameof(Hello.Version));
        // Another version may lay out its fields differently: nothing after its version byte is read.
        if (r.Ok && version != Ak1.Version)
        {
            r.Fail(WireDecodeError.UnsupportedVersion, nameof(Hello.Version));
        }
        var id = LengthPrefixedUtf8(ref r, WireLayout.MinClientIdBytes, WireLayout.MaxClientIdBytes, nameof(Hello.ClientId));
        var epoch = r.U32(nameof(Hello.Epoch));
        var keyId = r.Bytes(Ak1.KeyIdBytes, nameof(Hello.KeyId));
        var server = LengthPrefixedUtf8(ref r, WireLayout.MinServerBytes, WireLayout.MaxServerBytes, nameof(Hello.Server));
        var timeMs = r.U64(nameof(Hello.TimeMs));
        var nonce = r.Bytes(Ak1.NonceBytes, nameof(Hello.ClientNonce));
        var ephemeral = r.Bytes(Ak1.PublicKeyBytes, nameof(Hello.ClientEphemeral));
        var binder = r.Bytes(Ak1.BinderBytes, nameof(Hello.Binder));
        r.ExpectEnd();
        // The id's syntax is not checked here: the server must see a bad id to answer protocol-violation.
        return r.Ok
            ? (new Hello(version, WireLayout.StrictUtf8.GetString(id), epoch, KeyId.From(keyId), WireLayout.StrictUtf8.GetString(server),
                timeMs, Nonce.From(nonce), PublicKey.From(ephemeral), Mac.From(binder)), default)
            : (null, r.Failure);
    }

    /// <summary>
    /// A <c>str</c> field: u16 length within [<paramref name="min"/>, <paramref name="max"/>], then that many bytes of
    /// well-formed UTF-8 (no overlongs, surrogates or replacement), so the text re-encodes to these very bytes.
    /// </summary>
    private static ReadOnlySpan<byte> LengthPrefixedUtf8(ref WireReader r, int min, int max, string field)
    {
        var length = r.U16(field + LengthSuffix);
        if (r.Ok && (length < min || length > max))
        {
            r.Fail(WireDecodeError.InvalidField, field + LengthSuffix);
        }
        var text = r.Bytes(r.Ok ? length : 0, field);
        if (r.Ok && !Utf8.IsValid(text))
        {
            r.Fail(WireDecodeError.InvalidField, field);
        }
        return text;
    }

    private static (IAk1Message?, WireFailure) DecodeChallenge(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, nameof(Challenge));
        var sessionId = r.Bytes(Ak1.SessionIdBytes, nameof(Challenge.SessionId));
        var nonce = r.Bytes(Ak1.NonceBytes, nameof(Challenge.ServerNonce));
        var ephemeral = r.Bytes(Ak1.PublicKeyBytes, nameof(Challenge.ServerEphemeral));
        var confirm = r.Bytes(Ak1.ConfirmBytes, nameof(Challenge.ConfirmServer));
        r.ExpectEnd();
        return r.Ok
            ? (new Challenge(SessionId.From(sessionId), Nonce.From(nonce), PublicKey.From(ephemeral), Mac.From(confirm)), default)
            : (null, r.Failure);
    }

    private static (IAk1Message?, WireFailure) DecodeFinish(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, nameof(Finish));
        var sessionId = r.Bytes(Ak1.SessionIdBytes, nameof(Finish.SessionId));
        var confirm = r.Bytes(Ak1.ConfirmBytes, nameof(Finish.ConfirmClient));
        r.ExpectEnd();
        return r.Ok ? (new Finish(SessionId.From(sessionId), Mac.From(confirm)), default) : (null, r.Failure);
    }

    private static (IAk1Message?, WireFailure) DecodeRejected(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, nameof(Rejected));
        var reason = (RejectReason)r.U8(nameof(Rejected.Reason));
        if (r.Ok && !WireLayout.IsVersion1Reason(reason))
        {
            r.Fail(WireDecodeError.InvalidField, nameof(Rejected.Reason));
        }
        r.ExpectEnd();
        return r.Ok ? (new Rejected(reason), default) : (null, r.Failure);
    }

    private static (IAk1Message?, WireFailure) DecodeRejected2(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body, nameof(Rejected2));
        var reason = (RejectReason)r.U8(nameof(Rejected2.Reason));
        if (r.Ok && !Enum.IsDefined(reason))
        {
            r.Fail(WireDecodeError.InvalidField, nameof(Rejected2.Reason));
        }
        var nonce = r.Bytes(Ak1.NonceBytes, nameof(Rejected2.ClientNonce));
        var proof = r.Bytes(Ak1.RevocationProofBytes, nameof(Rejected2.Proof));
        // Only revoked carries a proof; for any other reason it is zero, so the message has one encoding.
        if (r.Ok && reason != RejectReason.Revoked && proof.ContainsAnyExcept((byte)0))
        {
            r.Fail(WireDecodeError.InvalidField, nameof(Rejected2.Proof));
        }
        r.ExpectEnd();
        return r.Ok ? (new Rejected2(reason, Nonce.From(nonce), RevocationProof.From(proof)), default) : (null, r.Failure);
    }

    private static (IAk1Message?, WireFailure) DecodeSealed(ReadOnlySpan<byte> body, WireLimits limits)
    {
        var r = new WireReader(body, nameof(Sealed));
        var sessionId = r.Bytes(Ak1.SessionIdBytes, nameof(Sealed.SessionId));
        var generation = r.U32(nameof(Sealed.Generation));
        var seq = r.U64(nameof(Sealed.Seq));
        var declared = r.U32(nameof(Sealed.Ciphertext) + LengthSuffix);
        // The declared length is judged before anything is read or allocated for it. Compared as 64-bit so
        // 0xFFFFFFFF cannot wrap; WireLimits keeps the maximum well inside int.
        var maxCiphertext = (long)limits.MaxMessageBytes + Ak1.AeadTagBytes;
        if (r.Ok && declared < WireLayout.MinCiphertextBytes)
        {
            r.Fail(WireDecodeError.InvalidField, nameof(Sealed.Ciphertext) + LengthSuffix);
        }
        else if (r.Ok && declared > maxCiphertext)
        {
            r.Fail(WireDecodeError.Oversized, nameof(Sealed.Ciphertext) + LengthSuffix);
        }
        var ciphertext = r.Bytes(r.Ok ? (int)declared : 0, nameof(Sealed.Ciphertext));
        r.ExpectEnd();
        return r.Ok ? (new Sealed(SessionId.From(sessionId), generation, seq, ciphertext.ToArray()), default) : (null, r.Failure);
    }
}
