using System.Diagnostics;

namespace ActorKeys.Bench;

/// <summary>
/// The wait between starting a phase's load and counting it: at least <see cref="BenchSettings.MinWarmUp"/>, then until
/// neither process's JIT is still compiling, up to <see cref="BenchSettings.MaxWarmUp"/>.
/// </summary>
/// <remarks>
/// .NET compiles a method quickly first and again, optimised, once it has been called some 30 times, on one background
/// thread, a few milliseconds a method on these cores; a new phase's hot methods (the handshake's, the sealed echo's) are
/// recompiled over the first seconds of its load. Measured from one second in, the handshake phase counted mostly that:
/// per second, about 2,500 handshakes while the server still compiled (8 to 9 s at half speed) and 5,000 to 5,400 after.
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

    /// <summary>Readings in a row (a second apart) in which both processes stay below the threshold: one can be a lull.</summary>
    private const int SettledReadingsNeeded = 2;

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    /// <summary>How a warm-up ended.</summary>
    public enum Outcome
    {
        /// <summary>Both JITs settled.</summary>
        Settled,
        /// <summary>The longest warm-up came first: the JIT was still compiling, or there was no time to see it settle.</summary>
        NotSeenToSettle,
        /// <summary>No room beyond the least warm-up (<c>--quick</c>, <c>--warm-up 0</c>): the JIT was not looked at.</summary>
        NotChecked,
    }

    /// <summary>Waits as the remarks say, with the phase's load already running; returns how long it waited, and how it ended.</summary>
    /// <param name="clients">The clients' JIT, read in their process.</param>
    /// <param name="server">The server's JIT: this process's unless a test says otherwise.</param>
    /// <param name="step">How often both are read: a second unless a test says otherwise; the threshold scales with it.</param>
    public static async Task<(TimeSpan Waited, Outcome Outcome)> WaitAsync(Func<Task<JitActivity>> clients, TimeSpan least, TimeSpan most,
        Func<JitActivity>? server = null, TimeSpan? step = null)
    {
        server ??= JitActivity.OfThisProcess;
        var every = step ?? OneSecond;
        var threshold = SettledCompileTimePerSecond * (every / OneSecond);
        var clock = Stopwatch.StartNew();
        await Task.Delay(least);
        if (clock.Elapsed + every > most)
        {
            return (clock.Elapsed, Outcome.NotChecked);
        }
        var (serverBefore, clientBefore) = (server(), await clients());
        var settledReadings = 0;
        while (settledReadings < SettledReadingsNeeded && clock.Elapsed + every <= most)
        {
            await Task.Delay(every);
            var (serverNow, clientNow) = (server(), await clients());
            var busiest = Max(serverNow.CompileTime - serverBefore.CompileTime, clientNow.CompileTime - clientBefore.CompileTime);
            settledReadings = busiest < threshold ? settledReadings + 1 : 0;
            (serverBefore, clientBefore) = (serverNow, clientNow);
        }
        return (clock.Elapsed, settledReadings >= SettledReadingsNeeded ? Outcome.Settled : Outcome.NotSeenToSettle);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
