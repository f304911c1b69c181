namespace ActorKeys.KeyStore;

/// <summary>
/// Argon2id cost parameters, stored in the file beside the salt so a file stays readable when the defaults change.
/// The bounds are checked here so that a damaged or hostile file cannot ask for unbounded memory or time.
/// </summary>
public sealed record Argon2Parameters(long OpsLimit, long MemLimitBytes)
{
    /// <summary>Sodium.Core refuses fewer than 3 passes.</summary>
    public const long MinOpsLimit = 3;

    /// <summary>Far above libsodium's "sensitive" preset (4); more would only be a way to stall the loader.</summary>
    public const long MaxOpsLimit = 64;

    /// <summary>libsodium's minimum memory.</summary>
    public const long MinMemLimitBytes = 8192;

    /// <summary>libsodium's "sensitive" preset; also keeps the value inside the int that Sodium.Core takes.</summary>
    public const long MaxMemLimitBytes = 1L << 30;

    /// <summary>
    /// libsodium uses memory in whole KiB, so 8192 and 9000 would derive the same key; only multiples are accepted,
    /// which keeps one file from having several spellings that all open.
    /// </summary>
    public const long MemLimitGranularity = 1024;

    /// <summary>3 passes over 64 MiB: libsodium's "interactive" memory with the one extra pass Sodium.Core requires.</summary>
    public static Argon2Parameters Default { get; } = new(3, 64L * 1024 * 1024);

    // Validated in the init accessors as well, so a `with` expression cannot bypass the bounds.
    private readonly long _opsLimit = ValidOps(OpsLimit);
    private readonly long _memLimitBytes = ValidMem(MemLimitBytes);

    public long OpsLimit
    {
        get => _opsLimit;
        init => _opsLimit = ValidOps(value);
    }

    public long MemLimitBytes
    {
        get => _memLimitBytes;
        init => _memLimitBytes = ValidMem(value);
    }

    internal static bool IsValidOpsLimit(long opsLimit) => opsLimit is >= MinOpsLimit and <= MaxOpsLimit;

    internal static bool IsValidMemLimit(long memLimitBytes) =>
        memLimitBytes is >= MinMemLimitBytes and <= MaxMemLimitBytes && memLimitBytes % MemLimitGranularity == 0;

    private static long ValidOps(long opsLimit) => IsValidOpsLimit(opsLimit)
        ? opsLimit
        : throw new ArgumentOutOfRangeException(nameof(OpsLimit), $"Argon2id opsLimit must be between {MinOpsLimit} and {MaxOpsLimit}.");

    private static long ValidMem(long memLimitBytes) => IsValidMemLimit(memLimitBytes)
        ? memLimitBytes
        : throw new ArgumentOutOfRangeException(nameof(MemLimitBytes),
            $"Argon2id memLimitBytes must be a multiple of {MemLimitGranularity} between {MinMemLimitBytes} and {MaxMemLimitBytes}.");
}
