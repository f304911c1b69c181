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
        Challenge c => CheckChallenge(c),
        Finish f => CheckFinish(f),
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
                writer.Bytes(h.KeyId);
                writer.U64(h.TimeMs);
                writer.Bytes(h.ClientNonce);
                writer.Bytes(h.ClientEphemeral);
                writer.Bytes(h.Binder);
                break;
            case Challenge c:
                writer.U8((byte)WireTag.Challenge);
                writer.Bytes(c.SessionId);
                writer.Bytes(c.ServerNonce);
                writer.Bytes(c.ServerEphemeral);
                writer.Bytes(c.ConfirmServer);
                break;
            case Finish f:
                writer.U8((byte)WireTag.Finish);
                writer.Bytes(f.SessionId);
                writer.Bytes(f.ConfirmClient);
                break;
            case Rejected r:
                writer.U8((byte)WireTag.Rejected);
                writer.U8((byte)r.Reason);
                break;
            case Sealed s:
                writer.U8((byte)WireTag.Sealed);
                writer.Bytes(s.SessionId);
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
        CheckSize(h.KeyId, Ak1.KeyIdBytes, nameof(Hello), nameof(Hello.KeyId));
        CheckSize(h.ClientNonce, Ak1.NonceBytes, nameof(Hello), nameof(Hello.ClientNonce));
        CheckSize(h.ClientEphemeral, Ak1.PublicKeyBytes, nameof(Hello), nameof(Hello.ClientEphemeral));
        CheckSize(h.Binder, Ak1.BinderBytes, nameof(Hello), nameof(Hello.Binder));
        return idBytes;
    }

    private static int CheckChallenge(Challenge c)
    {
        CheckSize(c.SessionId, Ak1.SessionIdBytes, nameof(Challenge), nameof(Challenge.SessionId));
        CheckSize(c.ServerNonce, Ak1.NonceBytes, nameof(Challenge), nameof(Challenge.ServerNonce));
        CheckSize(c.ServerEphemeral, Ak1.PublicKeyBytes, nameof(Challenge), nameof(Challenge.ServerEphemeral));
        CheckSize(c.ConfirmServer, Ak1.ConfirmBytes, nameof(Challenge), nameof(Challenge.ConfirmServer));
        return WireLayout.ChallengeBytes;
    }

    private static int CheckFinish(Finish f)
    {
        CheckSize(f.SessionId, Ak1.SessionIdBytes, nameof(Finish), nameof(Finish.SessionId));
        CheckSize(f.ConfirmClient, Ak1.ConfirmBytes, nameof(Finish), nameof(Finish.ConfirmClient));
        return WireLayout.FinishBytes;
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
        CheckSize(s.SessionId, Ak1.SessionIdBytes, nameof(Sealed), nameof(Sealed.SessionId));
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

    private static void CheckSize(byte[]? value, int expected, string messageType, string field)
    {
        ArgumentNullException.ThrowIfNull(value, $"{messageType}.{field}");
        if (value.Length != expected)
        {
            throw new ArgumentException($"{messageType}.{field} is {expected} bytes; this one is {value.Length}.", field);
        }
    }
}
