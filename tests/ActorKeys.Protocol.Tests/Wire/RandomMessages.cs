using System.Text;

namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>Messages with random contents from a seeded <see cref="Random"/>, so any failure reproduces.</summary>
internal static class RandomMessages
{
    /// <summary>Hello, Challenge, Finish, Rejected, Sealed, Rejected2: <see cref="Of"/>'s type numbers, one less than their tags except Rejected2 (5, tag 6).</summary>
    public const int TypeCount = 6;

    /// <summary>Named apart because <see cref="ClientId(Random)"/> hides the ClientId class inside this one.</summary>
    private const int ClientIdMaxBytes = ActorKeys.Protocol.ClientId.MaxLength;

    /// <summary>Ciphertexts kept small so thousands of iterations stay fast; the limits are tested separately.</summary>
    private const int MaxRandomCiphertextBytes = 300;

    public static IAk1Message Any(Random random) => Of(random.Next(TypeCount), random);

    public static IAk1Message Of(int type, Random random) => type switch
    {
        0 => Hello(random),
        1 => new Challenge(SessionId.From(Bytes(random, Ak1.SessionIdBytes)), Nonce.From(Bytes(random, Ak1.NonceBytes)), PublicKey.From(Bytes(random, Ak1.PublicKeyBytes)), Mac.From(Bytes(random, Ak1.ConfirmBytes))),
        2 => new Finish(SessionId.From(Bytes(random, Ak1.SessionIdBytes)), Mac.From(Bytes(random, Ak1.ConfirmBytes))),
        3 => new Rejected((RejectReason)random.Next(1, 7)),
        4 => Sealed(random),
        _ => Rejected2(random),
    };

    /// <summary>Any reason 1..7; a proof (random, so almost never zero) only for revoked, as the layout demands.</summary>
    public static Rejected2 Rejected2(Random random)
    {
        var reason = (RejectReason)random.Next(1, 8);
        return new Rejected2(reason, Nonce.From(Bytes(random, Ak1.NonceBytes)),
            reason == RejectReason.Revoked ? RevocationProof.From(Bytes(random, Ak1.RevocationProofBytes)) : RevocationProof.None);
    }

    /// <summary>A version-2 Hello (the encoder writes no other) with any id of 1..64 and any server address of 1..255 UTF-8 bytes.</summary>
    public static Hello Hello(Random random, string? clientId = null, string? server = null) => new(
        Ak1.Version,
        clientId ?? ClientId(random),
        (uint)random.NextInt64(0, 1L << 32),
        KeyId.From(Bytes(random, Ak1.KeyIdBytes)),
        server ?? Text(random, Ak1.MaxServerAddressBytes),
        (ulong)random.NextInt64(),
        Nonce.From(Bytes(random, Ak1.NonceBytes)),
        PublicKey.From(Bytes(random, Ak1.PublicKeyBytes)),
        Mac.From(Bytes(random, Ak1.BinderBytes)));

    public static Sealed Sealed(Random random, int? ciphertextBytes = null) => new(
        SessionId.From(Bytes(random, Ak1.SessionIdBytes)),
        (uint)random.NextInt64(0, 1L << 32),
        (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
        Bytes(random, ciphertextBytes ?? random.Next(Ak1.AeadTagBytes + 1, MaxRandomCiphertextBytes)));

    /// <summary>
    /// Any text of 1..64 UTF-8 bytes, mixing 1-, 2-, 3- and 4-byte characters (controls and NUL included):
    /// the codec carries any such id and leaves the id rules to the server.
    /// </summary>
    public static string ClientId(Random random) => Text(random, ClientIdMaxBytes);

    /// <summary>Any text of 1..<paramref name="maxBytes"/> UTF-8 bytes, mixing 1-, 2-, 3- and 4-byte characters.</summary>
    public static string Text(Random random, int maxBytes)
    {
        var budget = random.Next(1, maxBytes + 1);
        var text = new StringBuilder();
        var used = 0;
        while (used < budget)
        {
            var codePoint = random.Next(4) switch
            {
                0 => random.Next(0x00, 0x80),
                1 => random.Next(0x80, 0x800),
                2 => random.Next(2) == 0 ? random.Next(0x800, 0xD800) : random.Next(0xE000, 0x10000),
                _ => random.Next(0x10000, 0x110000),
            };
            var s = char.ConvertFromUtf32(codePoint);
            var size = Encoding.UTF8.GetByteCount(s);
            if (used + size > budget)
            {
                // Fill the rest with ASCII so every budget is reached exactly.
                s = new string('a', budget - used);
                size = s.Length;
            }
            text.Append(s);
            used += size;
        }
        return text.ToString();
    }

    public static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
