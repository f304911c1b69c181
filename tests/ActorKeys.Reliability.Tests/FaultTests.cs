using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;
using ActorKeys.Protocol;
using ActorKeys.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ActorKeys.Reliability.Tests;

/// <summary>
/// Faults while clients are connected: a client process killed, the server process killed and restarted (with
/// the same master key, then with a new one), and the link blackholed and restored.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output) : ScenarioTest
{
    private const string QuickReconnect = """
        actorkeys.client.reconnect { min-backoff = 100ms, max-backoff = 1s, max-attempts = 60 }
        actorkeys.client.handshake-timeout = 3s
        """;

    [Fact]
    public async Task A_client_process_killed_mid_session_makes_its_server_session_stop()
    {
        var tally = new ReliabilityTally();
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var established = Subscribe<SessionEstablished>(server);
        var address = scenario.ServerAddress;
        await using var client = CliProcess.Start(scenario.Folder, "client", "--server", $"{address.Host}:{address.Port}",
            "--keystores", scenario.KeystoreFolder, "--id", "1");
        await client.WriteAsync("ola\n");
        await client.WaitForLineAsync("^Message received: 'ola'$");
        tally.Handshake();
        tally.Record();
        var session = established.ExpectMsg<SessionEstablished>(Generous).Session;
        var watcher = CreateTestProbe(server.System);
        watcher.Watch(session);

        Kill9(client);
        tally.Fault();

        watcher.ExpectTerminated(session, Generous);
        await AwaitSessionCountAsync(server, 0);
        tally.ReportAndAssert(output);
    }

    [Fact]
    public async Task Clients_carry_on_after_the_server_process_is_killed_and_restarted_with_the_same_master_key()
    {
        var tally = new ReliabilityTally();
        using var folder = new TempFolder();
        Expect(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1,2,3"));
        var server = CliProcess.Start(folder.Path, "server", "--port", "0");
        var (host, port) = await BannerAsync(server);
        await using var clients = new ClientFleet(this, folder, $"akka.tcp://actorkeys-server@{host}:{port}", tally);
        await clients.ConnectAsync("1", "2", "3");
        await clients.ExchangeAllAsync("before");

        Kill9(server);
        await server.DisposeAsync();
        tally.Fault();
        clients.ExpectAll<ConnectionLost>();
        clients.SendAll("while the server was away");
        await using var restarted = CliProcess.Start(folder.Path, "server", "--port", port.ToString());
        await BannerAsync(restarted);

        clients.ExpectAll<Reconnected>();
        await clients.ExpectAllEchoesAsync("while the server was away");
        await clients.ExchangeAllAsync("after");
        Assert.Equal(3, restarted.Stdout.Count(line => line.EndsWith("'after'", StringComparison.Ordinal)));
        tally.ReportAndAssert(output);
    }

    [Fact]
    public async Task A_message_typed_after_the_server_died_is_named_when_reconnecting_gives_up()
    {
        var tally = new ReliabilityTally();
        using var folder = new TempFolder();
        Expect(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1"));
        // Quick death watch and few, short reconnect attempts: the case the issue saw took 70 s with the defaults.
        File.WriteAllText(folder.File("client.hocon"), """
            actorkeys.client {
              handshake-timeout = 2s
              reconnect { min-backoff = 100ms, max-backoff = 500ms, max-attempts = 2 }
            }
            akka.remote.watch-failure-detector {
              heartbeat-interval = 200ms
              acceptable-heartbeat-pause = 1s
              expected-response-after = 200ms
              unreachable-nodes-reaper-interval = 200ms
            }
            """);
        var server = CliProcess.Start(folder.Path, "server", "--port", "0");
        var (host, port) = await BannerAsync(server);
        await using var client = CliProcess.Start(folder.Path, "client", "--config", "client.hocon", "--server", $"{host}:{port}", "--id", "1");
        await client.WriteAsync("first\n");
        await client.WaitForLineAsync("^Message received: 'first'$");
        tally.Handshake();
        tally.Record();

        Kill9(server);
        await server.DisposeAsync();
        tally.Fault();
        await client.WriteAsync("during1\n");

        Assert.Equal(5, await client.WaitForExitAsync());
        Assert.Contains(client.Stdout, l => l.StartsWith("Connection lost (the connection to the server was lost)", StringComparison.Ordinal));
        var error = Assert.Single(client.Stderr);
        Assert.Contains("reconnecting gave up after 2 attempts", error);
        Assert.Contains("'during1' may not have been delivered", error);
        tally.ReportAndAssert(output);
    }

    [Fact]
    public async Task After_a_restart_with_a_new_master_key_reconnecting_clients_are_told_wrong_server()
    {
        var tally = new ReliabilityTally();
        using var folder = new TempFolder();
        Expect(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1"));
        Expect(await CliProcess.RunAsync(folder.Path, "", "init", "--master-key", "other.key", "--keystores", "other", "--clients", "x",
            "--registry", "other.db")); // a second deployment in the same folder: its own registry too
        var server = CliProcess.Start(folder.Path, "server", "--port", "0");
        var (host, port) = await BannerAsync(server);
        await using var clients = new ClientFleet(this, folder, $"akka.tcp://actorkeys-server@{host}:{port}", tally);
        await clients.ConnectAsync("1");
        await clients.ExchangeAllAsync("before");

        server.Terminate();
        await server.WaitForExitAsync();
        await server.DisposeAsync();
        tally.Fault();
        clients.ExpectAll<ConnectionLost>();
        await using var impostor = CliProcess.Start(folder.Path, "server", "--port", port.ToString(), "--master-key", "other.key");
        await BannerAsync(impostor);

        clients.ExpectAll<ConnectionRejected>().Reason.ShouldBe(RejectReason.WrongServer);
        tally.ReportAndAssert(output);
    }

    [Fact]
    public async Task A_blackholed_link_ends_the_session_on_both_sides_and_once_restored_the_client_reconnects_and_carries_on()
    {
        var tally = new ReliabilityTally();
        await using var scenario = new Scenario(Scenario.ThrottlerHocon);
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var (clientSystem, client, events, session, watcher) = await ConnectWatchedAsync(scenario, server, "1", QuickReconnect);
        tally.Handshake();
        var transport = ((RemoteActorRefProvider)((ExtendedActorSystem)clientSystem.System).Provider).Transport;

        Assert.True(await transport.ManagementCommand(new SetThrottle(scenario.ServerAddress, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)));
        tally.Fault();
        watcher.ExpectTerminated(session, Generous);
        events.ExpectMsg<ConnectionLost>(Generous);
        client.Tell(new Send("typed during the cut"), ActorRefs.NoSender);
        Assert.True(await transport.ManagementCommand(new SetThrottle(scenario.ServerAddress, ThrottleTransportAdapter.Direction.Both, Unthrottled.Instance)));

        // Once the link is back the client handshakes again and sends what was typed during the cut.
        events.ExpectMsg<Reconnected>(TimeSpan.FromMinutes(1));
        tally.Handshake();
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("typed during the cut");
        tally.Record();
        client.Tell(new Send("after"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("after");
        tally.Record();
        await AwaitSessionCountAsync(server, 1);
        tally.ReportAndAssert(output);
    }

    private static void Kill9(CliProcess process) =>
        System.Diagnostics.Process.GetProcessById(process.Id).Kill(entireProcessTree: false);

    private static async Task<(string Host, int Port)> BannerAsync(CliProcess server)
    {
        var banner = await server.WaitForLineAsync(@"^Serving on akka\.tcp://actorkeys-server@([0-9.]+):(\d+) ");
        return (banner.Groups[1].Value, int.Parse(banner.Groups[2].Value));
    }

    private static void Expect(CliResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    /// <summary>In-process clients of a server that runs as a process, each with its own listener probe.</summary>
    private sealed class ClientFleet(FaultTests test, TempFolder folder, string serverAddress, ReliabilityTally tally) : IAsyncDisposable
    {
        private readonly Dictionary<string, (IActorRef Session, Akka.TestKit.TestProbe Events)> _clients = [];
        private ActorKeysHost? _host;

        public async Task ConnectAsync(params string[] ids)
        {
            _host = await ActorKeysHost.StartClientAsync(new ActorKeysClientOptions
            {
                ConfigOverrides = $"{Scenario.TestHocon}\n{QuickReconnect}\nactorkeys.client.server-address = \"{serverAddress}\"",
                Overrides = new() { KeystoreFolder = folder.File("keystores") },
            });
            foreach (var id in ids)
            {
                var events = test.CreateTestProbe();
                _clients[id] = (_host.Client.Connect(id, events.Ref), events);
            }
            ExpectAll<SessionKeyVerified>();
        }

        public void SendAll(string text)
        {
            foreach (var (session, _) in _clients.Values)
            {
                session.Tell(new Send(text), ActorRefs.NoSender);
            }
        }

        public async Task ExchangeAllAsync(string text)
        {
            SendAll(text);
            await ExpectAllEchoesAsync(text);
        }

        public Task ExpectAllEchoesAsync(string text)
        {
            foreach (var (_, events) in _clients.Values)
            {
                events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe(text);
                tally.Record();
            }
            return Task.CompletedTask;
        }

        public T ExpectAll<T>()
        {
            T last = default!;
            foreach (var (_, events) in _clients.Values)
            {
                last = events.ExpectMsg<T>(Generous);
                if (last is SessionKeyVerified or Reconnected)
                {
                    tally.Handshake();
                }
            }
            return last;
        }

        public async ValueTask DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
    }
}
