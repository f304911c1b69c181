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
        Hello h => WireLayout.HelloFixedBytes + CheckHello(h),
        // Every field of a Challenge and a Finish has its size in its type.
        Challenge => WireLayout.ChallengeBytes,
        Finish => WireLayout.FinishBytes,
        Rejected r => CheckRejected(r),
        Sealed s => WireLayout.SealedHeaderBytes + CheckSealed(s),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{message.GetType().Name} is not one of the five AK1 messages.", nameof(message)),
    };

    public static byte[] Encode(IAk1Message message)
    {
        var buffer = new byte[Length(message)];
        var writer = new WireWriter(buffer);
        switch (message)
        {
            case Hello h:
                var idBytes = buffer.Length - WireLayout.HelloFixedBytes;
                writer.U8((byte)WireTag.Hello);
                writer.U8(h.Version);
                writer.U16((ushort)idBytes);
                writer.Utf8(h.ClientId, idBytes);
                writer.U32(h.Epoch);
                writer.Bytes(h.KeyId.Span);
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
            case Sealed s:
                writer.U8((byte)WireTag.Sealed);
                writer.Bytes(s.SessionId.Span);
                writer.U64(s.Seq);
                writer.U32((uint)s.Ciphertext.Length);
                writer.Bytes(s.Ciphertext);
                break;
        }
        System.Diagnostics.Debug.Assert(writer.Remaining == 0, "Length and Encode disagree on the layout.");
        return buffer;
    }

    /// <returns>The byte count of the client id.</returns>
    private static int CheckHello(Hello h)
    {
        ArgumentNullException.ThrowIfNull(h.ClientId, $"{nameof(Hello)}.{nameof(Hello.ClientId)}");
        int idBytes;
        try
        {
            idBytes = WireLayout.StrictUtf8.GetByteCount(h.ClientId);
        }
        catch (System.Text.EncoderFallbackException)
        {
            // A lone surrogate has no UTF-8; the exception would name the offending character, so it is not passed on.
            throw new ArgumentException("Hello.ClientId is not valid Unicode text.", nameof(Hello.ClientId));
        }
        if (idBytes is < WireLayout.MinClientIdBytes or > WireLayout.MaxClientIdBytes)
        {
            throw new ArgumentException(
                $"Hello.ClientId is {WireLayout.MinClientIdBytes} to {WireLayout.MaxClientIdBytes} UTF-8 bytes; this one is {idBytes}.",
                nameof(Hello.ClientId));
        }
        return idBytes;
    }

    private static int CheckRejected(Rejected r)
    {
        if (!Enum.IsDefined(r.Reason))
        {
            throw new ArgumentException($"Rejected.Reason {(byte)r.Reason} is not a defined reject reason.", nameof(Rejected.Reason));
        }
        return WireLayout.RejectedBytes;
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
