namespace ActorKeys.Protocol;

/// <summary>Sizes and constants of the AK1 protocol (PROTOCOL.md). Named here so no offset is a bare number.</summary>
public static class Ak1
{
    /// <summary>The protocol version carried in every Hello (PROTOCOL.md → Version 2). A server speaks this one only.</summary>
    public const byte Version = 2;

    /// <summary>The version whose <see cref="Rejected"/> layout answers a Hello of any other version, so an old client can read it.</summary>
    public const byte FirstVersion = 1;

    public const int KeyBytes = 32;
    public const int KeyIdBytes = 8;
    public const int CheckBytes = 8;
    public const int NonceBytes = 32;
    public const int PublicKeyBytes = 32;
    public const int PrivateKeyBytes = 32;
    public const int BinderBytes = 32;
    public const int ConfirmBytes = 32;
    public const int SessionIdBytes = 16;
    public const int AeadNonceBytes = 12;
    public const int AeadTagBytes = 16;
    public const int RevocationProofBytes = 16;

    /// <summary>The server's address in a Hello: <c>Address.ToString()</c> form, 1 to 255 UTF-8 bytes.</summary>
    public const int MaxServerAddressBytes = 255;

    /// <summary>Default <c>rekey-after</c>: a client starts a rekey when its current generation is this old.</summary>
    public static readonly TimeSpan DefaultRekeyAfter = TimeSpan.FromSeconds(120);

    /// <summary>Default <c>rekey-after-records</c>: a client starts a rekey once it has sent this many records in one generation.</summary>
    public const ulong DefaultRekeyAfterRecords = 1UL << 30;

    /// <summary>Default <c>reject-after</c>: either side ends a session whose current generation is this old.</summary>
    public static readonly TimeSpan DefaultRejectAfter = TimeSpan.FromSeconds(180);

    /// <summary>Default bound on a record's plaintext (kind byte and body), the spec's <c>max-message-bytes</c>.</summary>
    public const int DefaultMaxMessageBytes = 64 * 1024;

    /// <summary>Default <c>max-clock-skew</c>: five minutes.</summary>
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The ASCII prefix of the Hello body and of every record's associated data.</summary>
    internal static ReadOnlySpan<byte> Magic => "AK1"u8;
}
