namespace ActorKeys.Bench;

/// <summary>What one <c>actorkeys-bench</c> run measures, after the defaults of the mode were applied.</summary>
public sealed record BenchSettings(
    int Clients,
    double Seconds,
    IReadOnlyList<int> Payloads,
    int Window,
    int IdleSessions,
    bool InProcess,
    string? JsonFile,
    int ClientSystems = BenchSettings.DefaultClientSystems,
    double MaxWarmUpSeconds = BenchSettings.DefaultMaxWarmUpSeconds)
{
    public const int DefaultClients = 30;
    public const double DefaultSeconds = 5;
    public const double QuickSeconds = 1;
    public const int DefaultIdleSessions = 10_000;
    public const int QuickIdleSessions = 1_000;
    public const int DefaultWindow = 32;
    /// <summary>One client system holds every idle session unless <c>--client-systems</c> says otherwise.</summary>
    public const int DefaultClientSystems = 1;
    public const int MaxClientSystems = 200;
    public static readonly int[] DefaultPayloads = [64, 1024, 16384];

    /// <summary>The longest warm-up before a measured phase, waiting for the JIT to settle (<see cref="PhaseWarmUp"/>).</summary>
    public const double DefaultMaxWarmUpSeconds = 30;

    /// <summary>The least warm-up before each measured phase: half the phase, at most one second.</summary>
    public TimeSpan MinWarmUp => TimeSpan.FromSeconds(Math.Min(1, Seconds / 2));

    /// <summary>The longest: <c>--warm-up</c>, never less than <see cref="MinWarmUp"/>.</summary>
    public TimeSpan MaxWarmUp => TimeSpan.FromSeconds(Math.Max(MinWarmUp.TotalSeconds, MaxWarmUpSeconds));
}
