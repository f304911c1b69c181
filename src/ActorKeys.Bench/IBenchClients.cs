namespace ActorKeys.Bench;

/// <summary>The client side of the benchmark as the bench command drives it: in its own process or in a child process.</summary>
public interface IBenchClients : IAsyncDisposable
{
    /// <summary>
    /// Starts the handshake phase's load: <paramref name="clients"/> clients handshaking and closing again and again, not
    /// counted until <see cref="MeasureAsync"/>; its count is of handshakes.
    /// </summary>
    Task StartHandshakesAsync(int clients);

    /// <summary>
    /// Starts an echo phase's load: <paramref name="window"/> messages in flight per client, not counted until
    /// <see cref="MeasureAsync"/>; its count is of records, both directions.
    /// </summary>
    Task StartEchoAsync(bool sealedRecords, int payloadBytes, int clients, int window);

    /// <summary>What the clients' process has compiled so far (see <see cref="PhaseWarmUp"/>).</summary>
    Task<JitActivity> JitAsync();

    /// <summary>Counts the started phase for <paramref name="seconds"/>, then stops its load.</summary>
    Task<PhaseResult> MeasureAsync(double seconds);

    /// <summary>
    /// Opens <paramref name="sessions"/> established sessions, spread over <paramref name="systems"/> client systems, and
    /// leaves them idle; returns how many opened.
    /// </summary>
    Task<int> OpenIdleAsync(int sessions, int clients, int systems);

    Task CloseIdleAsync();
}

/// <summary>
/// What one phase counted in <see cref="Seconds"/>, with failed handshakes, when timed round-trip percentiles (µs), the
/// processor time the server's and the clients' processes took meanwhile (see <see cref="PhaseCpu"/>) and the bytes each
/// allocated on its managed heap (see <see cref="PhaseAllocations"/>), and how long the load ran before it was counted
/// (<see cref="PhaseWarmUp"/>).
/// </summary>
public sealed record PhaseResult(long Count, double Seconds, long Failures, Percentiles Latency, double ServerCpuSeconds = 0,
    double ClientCpuSeconds = 0, double WarmUpSeconds = 0, long ServerAllocatedBytes = 0, long ClientAllocatedBytes = 0)
{
    /// <summary>Bytes the server's process allocated per counted handshake or record.</summary>
    public double ServerAllocatedBytesPerOperation => Count > 0 ? (double)ServerAllocatedBytes / Count : 0;

    /// <summary>Bytes the clients' process allocated per counted handshake or record.</summary>
    public double ClientAllocatedBytesPerOperation => Count > 0 ? (double)ClientAllocatedBytes / Count : 0;

    /// <summary>Bytes both processes allocated per counted handshake or record.</summary>
    public double AllocatedBytesPerOperation => ServerAllocatedBytesPerOperation + ClientAllocatedBytesPerOperation;

    public double PerSecond => Count / Seconds;

    /// <summary>Microseconds of CPU per counted handshake or record, both processes together.</summary>
    public double CpuMicrosPerOperation => Count > 0 ? (ServerCpuSeconds + ClientCpuSeconds) * 1e6 / Count : 0;

    /// <summary>Microseconds of the server process's CPU per counted handshake or record.</summary>
    public double ServerCpuMicrosPerOperation => Count > 0 ? ServerCpuSeconds * 1e6 / Count : 0;
}

/// <summary>Round-trip times in microseconds; zero when nothing was timed.</summary>
public sealed record Percentiles(double P50, double P90, double P99, int Samples)
{
    public static readonly Percentiles None = new(0, 0, 0, 0);

    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? None : new(At(sorted, 0.50), At(sorted, 0.90), At(sorted, 0.99), sorted.Length);
    }

    /// <summary>Nearest rank.</summary>
    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
