using System.Diagnostics;

namespace ActorKeys.Bench;

/// <summary>
/// The server process's CPU while nothing happens: its processor time over a stretch of wall time, as a percentage of
/// one core. The bench's own driver shares the process but waits during the measurement, so what is counted is the
/// actor system's timers, dispatchers and transport, with and without idle sessions open.
/// </summary>
public static class IdleCpu
{
    /// <summary>
    /// Waited before measuring: right after a start (tiered JIT recompiling hot methods in the background) or a full
    /// collection (the memory phase), the process is busy with itself, not with being a server.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<double> MeasureAsync(TimeSpan span)
    {
        await Task.Delay(Settle);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(span);
        process.Refresh();
        return 100.0 * (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
    }
}
