using System.Diagnostics;
using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Bench.Plain;
using ActorKeys.Bench.Workload;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Bench;

/// <summary>
/// The client side of the benchmark: one client actor system holding every benchmark client, and the phases run
/// from it. It is the same code in the bench's own process (<c>--in-process</c>) and in the child process.
/// </summary>
public sealed class BenchClients : IBenchClients
{
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Idle sessions opened at once: half the server's default max-pending-handshakes (1,000).</summary>
    private const int IdleBatch = 500;

    private readonly ActorKeysHost _host;
    /// <summary>Client systems besides <see cref="_host"/> for idle sessions (<c>--client-systems</c>), started when first asked for.</summary>
    private readonly List<ActorKeysHost> _moreSystems = [];
    private readonly string _keystores;
    private readonly ClientCredentials[] _credentials;
    private readonly List<IActorRef> _idle = [];
    private readonly int? _serverProcessId;
    private int _phase;
    /// <summary>The phase started and not yet measured: its drivers run, uncounted, while the bench waits for it to warm up.</summary>
    private RunningPhase? _running;

    private sealed record RunningPhase(PhaseStats Stats, List<IActorRef> Drivers, bool Echo);

    private BenchClients(ActorKeysHost host, string keystores, ClientCredentials[] credentials, int? serverProcessId)
    {
        _host = host;
        _keystores = keystores;
        _credentials = credentials;
        _serverProcessId = serverProcessId;
    }

    /// <param name="serverProcessId">The server's process, when it is not this one: its CPU is measured in each phase too.</param>
    public static async Task<BenchClients> StartAsync(string serverAddress, string keystores, int clients, int? serverProcessId = null)
    {
        var host = await StartSystemAsync(serverAddress, keystores);
        var credentials = Enumerable.Range(0, clients)
            .Select(i => KeystoreFile.Load(Path.Combine(keystores, KeystoreFile.FileName(BenchHocon.ClientId(i))), BenchHocon.ClientId(i)))
            .ToArray();
        return new BenchClients(host, keystores, credentials, serverProcessId);
    }

    private static Task<ActorKeysHost> StartSystemAsync(string serverAddress, string keystores) =>
        QuietStart.RunAsync(() => ActorKeysHost.StartClientAsync(new ActorKeysClientOptions
        {
            ConfigOverrides = BenchHocon.Client(serverAddress),
            Overrides = new() { KeystoreFolder = keystores },
        }));

    /// <summary>The first <paramref name="count"/> client systems: this one, then as many more as needed, started now.</summary>
    private async Task<ActorSystem[]> SystemsAsync(int count)
    {
        while (_moreSystems.Count < count - 1)
        {
            _moreSystems.Add(await StartSystemAsync(ServerAddress, _keystores));
        }
        return [System, .. _moreSystems.Take(count - 1).Select(host => host.System)];
    }

    private ActorSystem System => _host.System;
    private string ServerAddress => _host.Client.Settings.ServerAddress;

    public Task StartHandshakesAsync(int clients) =>
        StartPhaseAsync(clients, stats => i => HandshakeDriver.Props(Credentials(i), ServerAddress, HandshakeMode.Churn, 0, stats), echo: false);

    public Task StartEchoAsync(bool sealedRecords, int payloadBytes, int clients, int window)
    {
        var payload = new string('x', payloadBytes);
        return StartPhaseAsync(clients, stats => i => EchoDriver.Props(SessionProps(sealedRecords, i), payload, window, stats), echo: true);
    }

    public Task<JitActivity> JitAsync() => Task.FromResult(JitActivity.OfThisProcess());

    public async Task<PhaseResult> MeasureAsync(double seconds)
    {
        var phase = _running ?? throw new InvalidOperationException("No phase was started.");
        _running = null;
        PhaseResult result;
        try
        {
            result = await Measure(phase.Stats, seconds);
        }
        finally
        {
            await StopAll(phase.Drivers, phase.Stats);
        }
        // Each echo is two records: the client's and the server's.
        return phase.Echo
            ? result with { Count = result.Count * 2, Latency = Percentiles.Of(phase.Stats.LatencyMicros.SelectMany(l => l)) }
            : result;
    }

    /// <summary>
    /// Starts one driver per client (<paramref name="driver"/> makes each one's Props from the phase's stats) and keeps them
    /// as the running phase once all are ready; stops them if they never are.
    /// </summary>
    private async Task StartPhaseAsync(int clients, Func<PhaseStats, Func<int, Props>> driver, bool echo)
    {
        if (_running is not null)
        {
            throw new InvalidOperationException("A phase was started while another was still running.");
        }
        var stats = new PhaseStats(clients);
        var drivers = Start(clients, driver(stats));
        try
        {
            await stats.AllReady.WaitAsync(PhaseTimeout);
        }
        catch
        {
            TellToStop(drivers);
            throw;
        }
        _running = new RunningPhase(stats, drivers, echo);
    }

    public async Task<int> OpenIdleAsync(int sessions, int clients, int systems)
    {
        // Each client system its own association with the server, as separate client programs: what a server spends per
        // link (Akka.Remote's timers and heartbeats) shows only then. Sessions go to them in turn.
        var spreadOver = await SystemsAsync(Math.Clamp(systems, 1, Math.Max(1, sessions)));
        // One driver, so one client actor, per session: as with real clients (one ClientSession each), so that what
        // the server keeps per client actor (its watch of it) is counted per session too. Named as real client actors
        // are, because the server keeps that name in the paths of its references to the client. Started in batches below
        // the server's max-pending-handshakes: 100,000 handshakes at once would only be answered busy and retried.
        var opened = 0;
        for (var first = 0; first < sessions; first += IdleBatch)
        {
            var count = Math.Min(IdleBatch, sessions - first);
            var stats = new PhaseStats(count) { Counting = true };
            var offset = first;
            _idle.AddRange(Start(count, i => HandshakeDriver.Props(Credentials((offset + i) % clients), ServerAddress, HandshakeMode.Hold, 1, stats),
                _ => ActorKeysClient.UnguessableName(), i => spreadOver[(offset + i) % spreadOver.Length]));
            await stats.AllDone.WaitAsync(PhaseTimeout);
            opened += (int)stats.Count;
        }
        return opened;
    }

    public Task CloseIdleAsync()
    {
        foreach (var driver in _idle)
        {
            driver.Tell(StopDriving.Instance);
        }
        _idle.Clear();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseIdleAsync();
        try
        {
            // Together: up to 200 systems shutting down one after another would outlast the bench's wait for this process.
            await Task.WhenAll(_moreSystems.Select(host => host.DisposeAsync().AsTask()));
        }
        finally
        {
            await _host.DisposeAsync();
            foreach (var c in _credentials)
            {
                c.Dispose();
            }
        }
    }

    private ClientCredentials Credentials(int i) => _credentials[i % _credentials.Length];

    private Func<IActorRef, Props> SessionProps(bool sealedRecords, int i)
    {
        var id = BenchHocon.ClientId(i % _credentials.Length);
        var client = _host.Client;
        return sealedRecords
            ? listener => ClientSession.Props(client.Options(client.LoadCredentials(id), listener) with { Reconnect = ReconnectPolicy.Never })
            : listener => PlainClient.Props(id, ServerAddress, listener, client.Settings.MaxMessageBytes);
    }

    /// <summary>
    /// Starts <paramref name="count"/> drivers, named <c>bench-phase-i</c> unless <paramref name="name"/> names them, in this
    /// client system unless <paramref name="system"/> says which.
    /// </summary>
    private List<IActorRef> Start(int count, Func<int, Props> props, Func<int, string>? name = null, Func<int, ActorSystem>? system = null)
    {
        var phase = Interlocked.Increment(ref _phase);
        name ??= i => $"bench-{phase}-{i}";
        system ??= _ => System;
        return Enumerable.Range(0, count).Select(i => system(i).ActorOf(props(i), name(i))).ToList();
    }

    private async Task<PhaseResult> Measure(PhaseStats stats, double seconds)
    {
        var cpu = new PhaseCpu(_serverProcessId);
        var allocations = new PhaseAllocations();
        cpu.Start();
        allocations.Start();
        stats.Counting = true;
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var count = stats.Count;
        var elapsed = clock.Elapsed.TotalSeconds;
        stats.Counting = false;
        var (serverCpu, clientCpu) = cpu.Stop();
        var allocated = allocations.Stop();
        if (stats.AllDone.IsFaulted)
        {
            await stats.AllDone;
        }
        // In one process (--in-process) all of it is the server's, as with the CPU; otherwise the server counts its own.
        return _serverProcessId is null
            ? new PhaseResult(count, elapsed, stats.Failures, Percentiles.None, serverCpu, clientCpu, ServerAllocatedBytes: allocated)
            : new PhaseResult(count, elapsed, stats.Failures, Percentiles.None, serverCpu, clientCpu, ClientAllocatedBytes: allocated);
    }

    private static async Task StopAll(List<IActorRef> drivers, PhaseStats stats)
    {
        TellToStop(drivers);
        await stats.AllDone.WaitAsync(PhaseTimeout);
    }

    private static void TellToStop(List<IActorRef> drivers)
    {
        foreach (var driver in drivers)
        {
            driver.Tell(StopDriving.Instance);
        }
    }
}
