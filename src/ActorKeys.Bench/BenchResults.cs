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
    double IdleCpuPercentWithSessions);

/// <summary>Sealed and plaintext records per second (both directions) at one payload size.</summary>
public sealed record Throughput(int PayloadBytes, PhaseResult Sealed, PhaseResult Plaintext)
{
    public double Ratio => Plaintext.PerSecond > 0 ? Sealed.PerSecond / Plaintext.PerSecond : 0;
}

/// <summary>The server process's growth with <see cref="Sessions"/> idle established sessions open.</summary>
public sealed record IdleMemory(int Sessions, long HeapBefore, long HeapAfter, long WorkingSetBefore, long WorkingSetAfter, bool ClientsInSameProcess)
{
    public double HeapBytesPerSession => Sessions > 0 ? (double)(HeapAfter - HeapBefore) / Sessions : 0;
    public double WorkingSetBytesPerSession => Sessions > 0 ? (double)(WorkingSetAfter - WorkingSetBefore) / Sessions : 0;
}
