namespace ActorKeys.Protocol.Wire;

/// <summary>
/// Bounds the decoder enforces before it allocates anything. <see cref="MaxMessageBytes"/> is the spec's
/// <c>max-message-bytes</c> (plaintext: kind byte and body), so a Sealed ciphertext may be at most that plus the AEAD tag.
/// </summary>
public sealed record WireLimits(int MaxMessageBytes = Ak1.DefaultMaxMessageBytes)
{
    /// <summary>Validated here and in <c>with</c> so the decoder's length arithmetic can never overflow.</summary>
    public int MaxMessageBytes { get; init => field = Validate(value); } = Validate(MaxMessageBytes);

    public static WireLimits Default { get; } = new();

    /// <summary>The largest limit for which the largest frame still fits in one array.</summary>
    private static int Ceiling => Array.MaxLength - WireCodec.MaxFrameOverhead - Ak1.AeadTagBytes;

    private static int Validate(int value)
    {
        // A record holds at least its kind byte, so a limit below 1 would refuse every record.
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxMessageBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Ceiling, nameof(MaxMessageBytes));
        return value;
    }
}
