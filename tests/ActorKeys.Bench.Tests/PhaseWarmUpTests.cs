namespace ActorKeys.Bench.Tests;

/// <summary>
/// The wait before a phase is counted: it lasts while either process's JIT still compiles, and ends two quiet readings
/// after. Both JITs are scripted here (compile time per reading), and read every 10 ms instead of every second.
/// </summary>
public sealed class PhaseWarmUpTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    /// <summary>Busy: 300 ms of compiling per second (what a server spends while a phase's methods are recompiled), scaled to the step.</summary>
    private const int Busy = 300;

    [Fact]
    public async Task The_wait_lasts_while_the_clients_JIT_compiles_and_ends_after_two_quiet_readings()
    {
        var clients = new ScriptedJit(Busy, Busy, Busy, 0, 0, 0, 0);
        var server = new ScriptedJit(0);

        var (_, outcome) = await PhaseWarmUp.WaitAsync(clients.NextAsync, TimeSpan.Zero, Long, server.Next, Step);

        Assert.Equal(PhaseWarmUp.Outcome.Settled, outcome);
        // The first reading is the baseline; three busy readings, then two quiet ones.
        Assert.Equal(1 + 3 + 2, clients.Readings);
    }

    [Fact]
    public async Task The_servers_JIT_counts_as_much_as_the_clients()
    {
        var clients = new ScriptedJit(0);
        var server = new ScriptedJit(Busy, Busy, Busy, Busy, 0, 0, 0);

        var (_, outcome) = await PhaseWarmUp.WaitAsync(clients.NextAsync, TimeSpan.Zero, Long, server.Next, Step);

        Assert.Equal(PhaseWarmUp.Outcome.Settled, outcome);
        Assert.Equal(1 + 4 + 2, server.Readings);
    }

    [Fact]
    public async Task One_quiet_reading_between_busy_ones_is_a_lull_not_the_end()
    {
        var clients = new ScriptedJit(Busy, 0, Busy, 0, 0, 0);
        var server = new ScriptedJit(0);

        var (_, outcome) = await PhaseWarmUp.WaitAsync(clients.NextAsync, TimeSpan.Zero, Long, server.Next, Step);

        Assert.Equal(PhaseWarmUp.Outcome.Settled, outcome);
        Assert.Equal(1 + 5, clients.Readings);
    }

    [Fact]
    public async Task A_JIT_that_keeps_compiling_a_little_under_the_threshold_counts_as_settled()
    {
        // A settled server still compiles now and then: up to 49 ms a second is below the threshold of 50.
        var clients = new ScriptedJit(Busy, 49, 49, 49);
        var server = new ScriptedJit(49);

        var (_, outcome) = await PhaseWarmUp.WaitAsync(clients.NextAsync, TimeSpan.Zero, Long, server.Next, Step);

        Assert.Equal(PhaseWarmUp.Outcome.Settled, outcome);
        Assert.Equal(1 + 1 + 2, clients.Readings);
    }

    [Fact]
    public async Task A_JIT_that_never_settles_is_waited_for_no_longer_than_the_most_and_said_so()
    {
        var clients = new ScriptedJit(Busy);
        var server = new ScriptedJit(0);

        var (_, outcome) = await PhaseWarmUp.WaitAsync(clients.NextAsync, TimeSpan.Zero, TimeSpan.FromMilliseconds(200), server.Next, Step);

        Assert.Equal(PhaseWarmUp.Outcome.NotSeenToSettle, outcome);
        // Each reading after the baseline waits a step first: within 200 ms, at most 20 of them.
        Assert.InRange(clients.Readings, 1, 1 + 20);
    }

    [Fact]
    public async Task With_no_room_for_a_reading_beyond_the_least_it_does_not_look_at_the_JIT_and_says_so()
    {
        var clients = new ScriptedJit(Busy);
        var server = new ScriptedJit(0);

        var (_, outcome) = await PhaseWarmUp.WaitAsync(clients.NextAsync, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), server.Next, Step);

        Assert.Equal(PhaseWarmUp.Outcome.NotChecked, outcome);
        Assert.Equal(0, clients.Readings);
        Assert.Equal(0, server.Readings);
    }

    /// <summary>
    /// A process's JIT as a script: the first reading is the baseline, and each after it adds the next entry's milliseconds
    /// of compiling per second (scaled to the 10 ms step); after the script, its last entry repeats.
    /// </summary>
    private sealed class ScriptedJit(params int[] millisecondsPerSecond)
    {
        private TimeSpan _total;
        public int Readings { get; private set; }

        public JitActivity Next()
        {
            if (Readings > 0)
            {
                var perSecond = millisecondsPerSecond[Math.Min(Readings - 1, millisecondsPerSecond.Length - 1)];
                _total += TimeSpan.FromMilliseconds(perSecond) * (Step / TimeSpan.FromSeconds(1));
            }
            Readings++;
            return new JitActivity(_total);
        }

        public Task<JitActivity> NextAsync() => Task.FromResult(Next());
    }
}
