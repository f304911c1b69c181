using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;
using ActorKeys.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ActorKeys.Reliability.Tests;

/// <summary>Many clients at once over several client systems: every echo checked, nothing lost, nothing left behind.</summary>
public sealed class LoadTests(ITestOutputHelper output) : ScenarioTest
{
    private const int ClientSystems = 4;
    private const int Clients = 1_000;
    private const int RecordsPerClient = 100;

    [Fact]
    public async Task A_thousand_clients_over_four_systems_get_every_echo_once_and_leave_no_session()
    {
        var tally = new ReliabilityTally();
        // Production failure-detector margins: a fully loaded two-core machine delays heartbeats past the
        // one-second pause the other scenarios use, and a false "unreachable" is not what this test measures.
        await using var scenario = new Scenario("""
            akka.remote.watch-failure-detector.acceptable-heartbeat-pause = 10s
            akka.remote.transport-failure-detector.acceptable-heartbeat-pause = 10s
            """);
        var ids = Enumerable.Range(0, Clients).Select(i => $"load-{i}").ToArray();
        scenario.Issue(ids);
        var server = await scenario.StartServerAsync();
        var systems = new List<ActorKeysHost>();
        for (var i = 0; i < ClientSystems; i++)
        {
            systems.Add(await scenario.StartClientAsync());
        }
        var done = CreateTestProbe();

        var clients = new List<IActorRef>();
        for (var i = 0; i < Clients; i++)
        {
            var system = systems[i % ClientSystems];
            var listener = system.System.ActorOf(CountingListener.Props(ids[i], RecordsPerClient, tally, done.Ref));
            var client = system.Client.Connect(ids[i], listener);
            for (var n = 0; n < RecordsPerClient; n++)
            {
                client.Tell(new Send($"{ids[i]}/{n}"), ActorRefs.NoSender);
            }
            clients.Add(client);
        }

        var finished = new HashSet<string>();
        for (var i = 0; i < Clients; i++)
        {
            var id = done.ReceiveOne(TimeSpan.FromSeconds(60)) as string;
            if (id is null)
            {
                output.WriteLine($"after {finished.Count} clients: {tally}");
                break;
            }
            finished.Add(id);
        }
        Assert.Equal(Clients, finished.Count);
        foreach (var client in clients)
        {
            client.Tell(Disconnect.Instance, ActorRefs.NoSender);
        }
        tally.LeakedSessionsFound(await SessionsLeftAsync(server));

        Assert.Equal(Clients, tally.Handshakes);
        Assert.Equal(Clients * RecordsPerClient, tally.Records);
        tally.ReportAndAssert(output);
    }

    /// <summary>The server's session count once it has had time to reach zero (0 unless sessions leaked).</summary>
    private async Task<int> SessionsLeftAsync(ActorKeysHost server)
    {
        try
        {
            await AwaitSessionCountAsync(server, 0);
            return 0;
        }
        catch (Exception)
        {
            var sessions = await Akka.Hosting.ActorRegistry.For(server.System).GetAsync<SessionManager>();
            return (await sessions.Ask<SessionCount>(GetSessionCount.Instance, Generous)).Count;
        }
    }
}
