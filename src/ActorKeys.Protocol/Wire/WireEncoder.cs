namespace ActorKeys.Protocol.Wire;

/// <summary>
/// The encoding side of <see cref="WireCodec"/>. It refuses any record the decoder would refuse (wrong field
/// lengths, an id outside 1–64 UTF-8 bytes, an undefined reason, a ciphertext shorter than tag plus kind), so
/// whatever it writes decodes back, except a ciphertext above the receiver's own <see cref="WireLimits"/>.
/// </summary>
internal static class WireEncoder
{
    public static int Length(IAk1Message message) => message switch
    {
        Hello h => HelloLength(h),
        // Every field of a Challenge and a Finish has its size in its type.
        Challenge => WireLayout.ChallengeBytes,
        Finish => WireLayout.FinishBytes,
        Rejected r => CheckRejected(r),
        Rejected2 r => CheckRejected2(r),
        Sealed s => WireLayout.SealedHeaderBytes + CheckSealed(s),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{message.GetType().Name} is not one of the six AK1 messages.", nameof(message)),
    };

    public static byte[] Encode(IAk1Message message)
    {
        var buffer = new byte[Length(message)];
        var writer = new WireWriter(buffer);
        switch (message)
        {
            case Hello h:
                var (idBytes, serverBytes) = CheckHello(h);
                writer.U8((byte)WireTag.Hello);
                writer.U8(h.Version);
                writer.U16((ushort)idBytes);
                writer.Utf8(h.ClientId, idBytes);
                writer.U32(h.Epoch);
                writer.Bytes(h.KeyId.Span);
                writer.U16((ushort)serverBytes);
                writer.Utf8(h.Server, serverBytes);
                writer.U64(h.TimeMs);
                writer.Bytes(h.ClientNonce.Span);
                writer.Bytes(h.ClientEphemeral.Span);
                writer.Bytes(h.Binder.Span);
                break;
            case Challenge c:
                writer.U8((byte)WireTag.Challenge);
                writer.Bytes(c.SessionId.Span);
                writer.Bytes(c.ServerNonce.Span);
                writer.Bytes(c.ServerEphemeral.Span);
                writer.Bytes(c.ConfirmServer.Span);
                break;
            case Finish f:
                writer.U8((byte)WireTag.Finish);
                writer.Bytes(f.SessionId.Span);
                writer.Bytes(f.ConfirmClient.Span);
                break;
            case Rejected r:
                writer.U8((byte)WireTag.Rejected);
                writer.U8((byte)r.Reason);
                break;
            case Rejected2 r:
                writer.U8((byte)WireTag.Rejected2);
                writer.U8((byte)r.Reason);
                writer.Bytes(r.ClientNonce.Span);
                writer.Bytes(r.Proof.Span);
                break;
            case Sealed s:
                writer.U8((byte)WireTag.Sealed);
                writer.Bytes(s.SessionId.Span);
                writer.U32(s.Generation);
                writer.U64(s.Seq);
                writer.U32((uint)s.Ciphertext.Length);
                writer.Bytes(s.Ciphertext);
                break;
        }
        System.Diagnostics.Debug.Assert(writer.Remaining == 0, "Length and Encode disagree on the layout.");
        return buffer;
    }

    private static int HelloLength(Hello h)
    {
        var (idBytes, serverBytes) = CheckHello(h);
        return WireLayout.HelloFixedBytes + idBytes + serverBytes;
    }

    /// <returns>The byte counts of the client id and of the server address.</returns>
    private static (int IdBytes, int ServerBytes) CheckHello(Hello h)
    {
        if (h.Version != Ak1.Version)
        {
            // Another version's layout is not this one: writing it here would make a frame no peer reads as intended.
            throw new ArgumentException($"Only version {Ak1.Version} Hellos are encoded; this one is version {h.Version}.", nameof(Hello.Version));
        }
        return (Utf8Length(h.ClientId, WireLayout.MinClientIdBytes, WireLayout.MaxClientIdBytes, nameof(Hello.ClientId)),
            Utf8Length(h.Server, WireLayout.MinServerBytes, WireLayout.MaxServerBytes, nameof(Hello.Server)));
    }

    private static int Utf8Length(string text, int min, int max, string field)
    {
        ArgumentNullException.ThrowIfNull(text, $"{nameof(Hello)}.{field}");
        int bytes;
        try
        {
            bytes = WireLayout.StrictUtf8.GetByteCount(text);
        }
        catch (System.Text.EncoderFallbackException)
        {
            // A lone surrogate has no UTF-8; the exception would name the offending character, so it is not passed on.
            throw new ArgumentException($"Hello.{field} is not valid Unicode text.", field);
        }
        if (bytes < min || bytes > max)
        {
            throw new ArgumentException($"Hello.{field} is {min} to {max} UTF-8 bytes; this one is {bytes}.", field);
        }
        return bytes;
    }

    private static int CheckRejected(Rejected r)
    {
        if (!WireLayout.IsVersion1Reason(r.Reason))
        {
            throw new ArgumentException($"Rejected.Reason {(byte)r.Reason} is not a reason of the version-1 layout.", nameof(Rejected.Reason));
        }
        return WireLayout.RejectedBytes;
    }

    private static int CheckRejected2(Rejected2 r)
    {
        if (!Enum.IsDefined(r.Reason))
        {
            throw new ArgumentException($"Rejected2.Reason {(byte)r.Reason} is not a defined reject reason.", nameof(Rejected2.Reason));
        }
        if (r.Reason != RejectReason.Revoked && r.Proof != RevocationProof.None)
        {
            throw new ArgumentException("Only a revoked rejection carries a proof.", nameof(Rejected2.Proof));
        }
        return WireLayout.Rejected2Bytes;
    }

    /// <returns>The ciphertext length.</returns>
    private static int CheckSealed(Sealed s)
    {
        ArgumentNullException.ThrowIfNull(s.Ciphertext, $"{nameof(Sealed)}.{nameof(Sealed.Ciphertext)}");
        if (s.Ciphertext.Length < WireLayout.MinCiphertextBytes)
        {
            throw new ArgumentException(
                $"Sealed.Ciphertext is at least {WireLayout.MinCiphertextBytes} bytes (AEAD tag and kind byte); this one is {s.Ciphertext.Length}.",
                nameof(Sealed.Ciphertext));
        }
        if (s.Ciphertext.Length > Array.MaxLength - WireLayout.SealedHeaderBytes)
        {
            // The frame would not fit in one array; say so rather than fail with OutOfMemoryException.
            throw new ArgumentException("Sealed.Ciphertext is too large for one frame.", nameof(Sealed.Ciphertext));
        }
        return s.Ciphertext.Length;
    }
}
