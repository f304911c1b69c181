namespace ActorKeys.Protocol;

/// <summary>Sizes and constants of the AK1 protocol (PROTOCOL.md). Named here so no offset is a bare number.</summary>
public static class Ak1
{
    /// <summary>The protocol version carried in every Hello.</summary>
    public const byte Version = 1;

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

    /// <summary>Default bound on a record's plaintext (kind byte and body), the spec's <c>max-message-bytes</c>.</summary>
    public const int DefaultMaxMessageBytes = 64 * 1024;

    /// <summary>Default <c>max-clock-skew</c>: five minutes.</summary>
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The ASCII prefix of the Hello body and of every record's associated data.</summary>
    internal static ReadOnlySpan<byte> Magic => "AK1"u8;
}
