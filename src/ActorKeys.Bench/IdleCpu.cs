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
    /// Waited at least before measuring: right after a start (tiered JIT recompiling hot methods in the background) or
    /// a full collection (the memory phase), the process is busy with itself, not with being a server.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After <see cref="Settle"/>, waited further while the JIT still compiles (a timer that fires every second reaches
    /// tier 1 only after some 30 calls), until the count of compiled methods holds still for two seconds in a row, up to this long. Methods called once a
    /// second may still reach tier 1 later: the figure is an upper bound.
    /// </summary>
    public static readonly TimeSpan MaxJitSettle = TimeSpan.FromSeconds(20);

    /// <summary>Seconds in a row without a new compiled method that count as done (one quiet second happened too early).</summary>
    private const int QuietSecondsNeeded = 2;

    public static async Task<double> MeasureAsync(TimeSpan span)
    {
        await Task.Delay(Settle);
        await WaitForJitQuietAsync();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(span);
        process.Refresh();
        return 100.0 * (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
    }

    private static async Task WaitForJitQuietAsync()
    {
        var waited = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietSeconds = 0;
        while (waited.Elapsed < MaxJitSettle && quietSeconds < QuietSecondsNeeded)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quietSeconds = now == compiled ? quietSeconds + 1 : 0;
            compiled = now;
        }
    }
}
