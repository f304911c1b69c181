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

        var (_, settled) = await PhaseWarmUp.WaitAsync(clients, TimeSpan.Zero, Long, server.Next, Step);

        Assert.True(settled);
        // The first reading is the baseline; three busy readings, then two quiet ones.
        Assert.Equal(1 + 3 + 2, clients.Readings);
    }

    [Fact]
    public async Task The_servers_JIT_counts_as_much_as_the_clients()
    {
        var clients = new ScriptedJit(0);
        var server = new ScriptedJit(Busy, Busy, Busy, Busy, 0, 0, 0);

        var (_, settled) = await PhaseWarmUp.WaitAsync(clients, TimeSpan.Zero, Long, server.Next, Step);

        Assert.True(settled);
        Assert.Equal(1 + 4 + 2, server.Readings);
    }

    [Fact]
    public async Task One_quiet_reading_between_busy_ones_is_a_lull_not_the_end()
    {
        var clients = new ScriptedJit(Busy, 0, Busy, 0, 0, 0);
        var server = new ScriptedJit(0);

        var (_, settled) = await PhaseWarmUp.WaitAsync(clients, TimeSpan.Zero, Long, server.Next, Step);

        Assert.True(settled);
        Assert.Equal(1 + 5, clients.Readings);
    }

    [Fact]
    public async Task A_JIT_that_keeps_compiling_a_little_under_the_threshold_counts_as_settled()
    {
        // A settled server still compiles now and then: up to 49 ms a second is below the threshold of 50.
        var clients = new ScriptedJit(Busy, 49, 49, 49);
        var server = new ScriptedJit(49);

        var (_, settled) = await PhaseWarmUp.WaitAsync(clients, TimeSpan.Zero, Long, server.Next, Step);

        Assert.True(settled);
        Assert.Equal(1 + 1 + 2, clients.Readings);
    }

    [Fact]
    public async Task A_JIT_that_never_settles_is_waited_for_no_longer_than_the_most_and_said_so()
    {
        var clients = new ScriptedJit(Busy);
        var server = new ScriptedJit(0);

        var (waited, settled) = await PhaseWarmUp.WaitAsync(clients, TimeSpan.Zero, TimeSpan.FromMilliseconds(200), server.Next, Step);

        Assert.False(settled);
        Assert.True(waited < Long, $"waited {waited}");
        Assert.True(clients.Readings >= 2, "read at least once after the baseline");
    }

    [Fact]
    public async Task With_no_room_beyond_the_least_it_reads_only_the_baseline_and_does_not_claim_the_JIT_settled()
    {
        var clients = new ScriptedJit(Busy);
        var server = new ScriptedJit(0);

        var (_, settled) = await PhaseWarmUp.WaitAsync(clients, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), server.Next, Step);

        Assert.False(settled);
        Assert.Equal(1, clients.Readings);
    }

    /// <summary>
    /// A process's JIT as a script: the first reading is the baseline, and each after it adds the next entry's milliseconds
    /// of compiling per second (scaled to the 10 ms step); after the script, its last entry repeats.
    /// </summary>
    private sealed class ScriptedJit(params int[] millisecondsPerSecond) : IBenchClients
    {
        private TimeSpan _total;
        public int Readings { get; private set; }

        public JitActivity Next()
        {
            var perSecond = millisecondsPerSecond[Math.Min(Math.Max(Readings - 1, 0), millisecondsPerSecond.Length - 1)];
            if (Readings > 0)
            {
                _total += TimeSpan.FromMilliseconds(perSecond) * (Step / TimeSpan.FromSeconds(1));
            }
            Readings++;
            return new JitActivity(Readings, _total);
        }

        public Task<JitActivity> JitAsync() => Task.FromResult(Next());

        public Task StartHandshakesAsync(int clients) => throw new NotSupportedException();
        public Task StartEchoAsync(bool sealedRecords, int payloadBytes, int clients, int window) => throw new NotSupportedException();
        public Task<PhaseResult> MeasureAsync(double seconds) => throw new NotSupportedException();
        public Task<int> OpenIdleAsync(int sessions, int clients, int systems) => throw new NotSupportedException();
        public Task CloseIdleAsync() => throw new NotSupportedException();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
