using System.Diagnostics;

namespace ActorKeys.Bench;

/// <summary>
/// The wait between starting a phase's load and counting it: at least <see cref="BenchSettings.WarmUp"/>, then until
/// neither process's JIT is still compiling, up to <see cref="BenchSettings.MaxWarmUp"/>.
/// </summary>
/// <remarks>
/// .NET compiles a method quickly first and again, optimised, once it has been called some 30 times, on one background
/// thread, a few milliseconds a method on these cores; a new phase's hot methods (the handshake's, the sealed echo's) are
/// recompiled over the first seconds of its load. Measured from one second in, the handshake phase counted mostly that:
/// per second, about 2,500 handshakes while the server still compiled (8 to 9 s at half speed) and 5,000 to 5,400 after.
/// The first payload's sealed phase, run before its plaintext twin, was slowed the same way, and its ratio with it.
/// </remarks>
public static class PhaseWarmUp
{
    /// <summary>
    /// Compile time per second, in each process, below which its JIT counts as settled. While a phase's hot methods are
    /// recompiled the server spends 300–800 ms a second compiling; after that it still compiles now and then (methods
    /// reached late, less used branches), 5 to 70 ms a second for another ten seconds or more, which moved the figures
    /// less than the machine's noise. Waiting for that to end as well would double the run.
    /// </summary>
    public static readonly TimeSpan SettledCompileTimePerSecond = TimeSpan.FromMilliseconds(50);

    /// <summary>Seconds in a row both processes must stay below <see cref="SettledCompileTimePerSecond"/> (one can be a lull).</summary>
    private const int SettledSecondsNeeded = 2;

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits as the remarks say, with the phase's load already running; returns how long it waited, and whether both JITs
    /// had settled by then (not when <paramref name="most"/> came first).
    /// </summary>
    /// <param name="server">The server's JIT: this process's unless a test says otherwise.</param>
    /// <param name="step">How often both are read: a second unless a test says otherwise; the threshold scales with it.</param>
    public static async Task<(TimeSpan Waited, bool Settled)> WaitAsync(IBenchClients clients, TimeSpan least, TimeSpan most,
        Func<JitActivity>? server = null, TimeSpan? step = null)
    {
        server ??= JitActivity.OfThisProcess;
        var every = step ?? OneSecond;
        var threshold = SettledCompileTimePerSecond * (every / OneSecond);
        var clock = Stopwatch.StartNew();
        await Task.Delay(least);
        var (serverBefore, clientBefore) = (server(), await clients.JitAsync());
        var settledSteps = 0;
        while (settledSteps < SettledSecondsNeeded && clock.Elapsed + every <= most)
        {
            await Task.Delay(every);
            var (serverNow, clientNow) = (server(), await clients.JitAsync());
            var busiest = Max(serverNow.CompileTime - serverBefore.CompileTime, clientNow.CompileTime - clientBefore.CompileTime);
            settledSteps = busiest < threshold ? settledSteps + 1 : 0;
            (serverBefore, clientBefore) = (serverNow, clientNow);
        }
        return (clock.Elapsed, settledSteps >= SettledSecondsNeeded);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
