using System.Diagnostics;

namespace ActorKeys.Bench;

/// <summary>
/// The server process's CPU while nothing happens: its processor time over a stretch of wall time, as a percentage of
/// one core. The bench's own driver shares the process but waits during the measurement, so what is counted is the
/// actor system's timers, dispatchers and transport, with and without idle sessions open.
/// </summary>
public static class IdleCpu
{
    public static async Task<double> MeasureAsync(TimeSpan span)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(span);
        process.Refresh();
        return 100.0 * (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
    }
}
