namespace ActorKeys.Bench;

/// <summary>Everything one run measured.</summary>
public sealed record BenchResults(
    MachineInfo Machine,
    BenchSettings Settings,
    PhaseResult Handshakes,
    PhaseResult Latency,
    int LatencyPayload,
    IdleMemory Idle,
    IReadOnlyList<Throughput> Throughput,
    double IdleCpuPercent,
    double IdleCpuPercentWithSessions,
    int IdleClientSystems = 1);

/// <summary>
/// Sealed and plaintext records per second (both directions) at one payload size, and what one seal and one open of such
/// a record cost alone (<see cref="AeadCost"/>).
/// </summary>
public sealed record Throughput(int PayloadBytes, PhaseResult Sealed, PhaseResult Plaintext, double AeadMicros)
{
    public double Ratio => Plaintext.PerSecond > 0 ? Sealed.PerSecond / Plaintext.PerSecond : 0;
}

/// <summary>
/// The server process's growth with <see cref="Sessions"/> idle established sessions open. The replay cache's growth over
/// the same time is counted apart (<see cref="ReplayCacheBytesPerSession"/>): each Hello's nonce stays in it for
/// <c>max-clock-skew</c>, whether or not its session lasts, in tables that grow by doubling. Whether they doubled during
/// the phase depended on how many handshakes the earlier phases left in them, and moved the figure by some 800 B a session
/// from run to run.
/// </summary>
public sealed record IdleMemory(int Sessions, long HeapBefore, long HeapAfter, long WorkingSetBefore, long WorkingSetAfter, bool ClientsInSameProcess,
    long ReplayCacheBefore = 0, long ReplayCacheAfter = 0)
{
    public double HeapBytesPerSession =>
        Sessions > 0 ? (double)(HeapAfter - HeapBefore - (ReplayCacheAfter - ReplayCacheBefore)) / Sessions : 0;

    public double ReplayCacheBytesPerSession => Sessions > 0 ? (double)(ReplayCacheAfter - ReplayCacheBefore) / Sessions : 0;
    public double WorkingSetBytesPerSession => Sessions > 0 ? (double)(WorkingSetAfter - WorkingSetBefore) / Sessions : 0;
}
