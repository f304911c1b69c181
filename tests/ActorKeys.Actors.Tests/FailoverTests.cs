using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.Protocol;
using ActorKeys.Testing;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// A client with several server nodes (issue #13): each Hello bound to the node it goes to, the next node after a
/// silent, refusing or lost one, every node tried once on the first connection, and a proven revocation never taken
/// to another node. The nodes are separate server systems with the scenario's master key.
/// </summary>
public sealed class FailoverTests : ScenarioTest
{
    private const string QuickFailover = """
        actorkeys.client.reconnect { min-backoff = 100ms, max-backoff = 500ms, max-attempts = 20 }
        actorkeys.client.handshake-timeout = 2s
        """;

    [Fact]
    public async Task When_the_node_in_use_stops_the_client_reconnects_to_the_other_and_what_was_sent_meanwhile_gets_its_echo()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var first = await scenario.StartServerAsync();
        var second = await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientOfNodesAsync([first.Address.ToString(), second.Address.ToString()], QuickFailover);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect(clientSystem.Client.LoadCredentials("1"), events.Ref, firstNode: 0);
        events.ExpectMsg<SessionKeyVerified>(Generous).ServerAddress.ShouldBe(first.Address.ToString());
        client.Tell(new Send("before"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("before");

        await scenario.StopServerAsync(first);
        events.ExpectMsg<ConnectionLost>(Generous);
        client.Tell(new Send("while away 1"), ActorRefs.NoSender);
        client.Tell(new Send("while away 2"), ActorRefs.NoSender);

        events.ExpectMsg<Reconnected>(Generous).ServerAddress.ShouldBe(second.Address.ToString());
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("while away 1");
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("while away 2");
        client.Tell(new Send("after"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("after");
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // no MessageNotSent, no second loss
    }

    [Fact]
    public async Task A_first_connection_whose_first_node_is_down_connects_to_the_next()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var live = await scenario.StartServerAsync();
        var down = Scenario.AddressWhereNothingListens();
        var clientSystem = await scenario.StartClientOfNodesAsync([down, live.Address.ToString()], QuickFailover);
        var events = CreateTestProbe();

        var client = clientSystem.Client.Connect(clientSystem.Client.LoadCredentials("1"), events.Ref, firstNode: 0);
        client.Tell(new Send("typed early"), ActorRefs.NoSender);

        events.ExpectMsg<SessionKeyVerified>(Generous).ServerAddress.ShouldBe(live.Address.ToString());
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("typed early");
    }

    [Fact]
    public async Task A_first_connection_whose_every_node_is_down_ends_unreachable_naming_every_node_tried()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        string[] nodes = [Scenario.AddressWhereNothingListens(), Scenario.AddressWhereNothingListens()];
        // A server started only so that the scenario has one; the client never names it.
        await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientOfNodesAsync(nodes, "actorkeys.client.handshake-timeout = 1s");
        var events = CreateTestProbe();

        var client = clientSystem.Client.Connect(clientSystem.Client.LoadCredentials("1"), events.Ref, firstNode: 1);
        client.Tell(new Send("nobody there"), ActorRefs.NoSender);

        var unreachable = events.ExpectMsg<ServerUnreachable>(Generous);
        unreachable.Address.ShouldBe(nodes[1]);
        Assert.Equal([nodes[1], nodes[0]], unreachable.AddressesTried);
        events.ExpectMsg<MessageNotSent>(Generous).Text.ShouldBe("nobody there");
    }

    [Fact]
    public async Task A_node_that_refuses_with_wrong_server_is_passed_over_for_one_that_holds_the_key()
    {
        await using var scenario = new Scenario();
        await using var otherKey = new Scenario();
        scenario.Issue("1");
        var stranger = await otherKey.StartServerAsync();
        var right = await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientOfNodesAsync([stranger.Address.ToString(), right.Address.ToString()], QuickFailover);
        var events = CreateTestProbe();

        clientSystem.Client.Connect(clientSystem.Client.LoadCredentials("1"), events.Ref, firstNode: 0);

        events.ExpectMsg<SessionKeyVerified>(Generous).ServerAddress.ShouldBe(right.Address.ToString());
    }

    [Fact]
    public async Task When_every_node_refuses_the_first_connection_ends_with_the_rejection()
    {
        await using var scenario = new Scenario();
        await using var otherKey = new Scenario();
        scenario.Issue("1");
        var first = await otherKey.StartServerAsync();
        var second = await otherKey.StartServerAsync();
        var clientSystem = await scenario.StartClientOfNodesAsync([first.Address.ToString(), second.Address.ToString()], QuickFailover);
        var events = CreateTestProbe();
        using var secondMeter = new MeterRecorder(second.Metrics.Meter);

        var client = clientSystem.Client.Connect(clientSystem.Client.LoadCredentials("1"), events.Ref, firstNode: 0);
        Watch(client);

        events.ExpectMsg<ConnectionRejected>(Generous).Reason.ShouldBe(RejectReason.WrongServer);
        ExpectTerminated(client, Generous);
        // It did ask the second node before giving up.
        Assert.Equal(1, secondMeter.Sum("actorkeys.handshakes.rejected", "actorkeys.rejection.reason", "wrong-server"));
    }

    [Fact]
    public async Task A_client_revoked_on_the_node_it_uses_is_never_tried_on_another_node()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var used = await scenario.StartServerAsync();
        var other = await scenario.StartServerAsync();
        using var otherMeter = new MeterRecorder(other.Metrics.Meter);
        var otherSessions = Subscribe<SessionEstablished>(other);
        var clientSystem = await scenario.StartClientOfNodesAsync([used.Address.ToString(), other.Address.ToString()], QuickFailover);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect(clientSystem.Client.LoadCredentials("1"), events.Ref, firstNode: 0);
        events.ExpectMsg<SessionKeyVerified>(Generous).ServerAddress.ShouldBe(used.Address.ToString());
        Watch(client);

        // Only the node in use learns of it: a session closed as revoked ends the client there and then.
        Revoke(used, "1");
        events.ExpectMsg<AccessRevoked>(Generous).ClientId.ShouldBe("1");
        ExpectTerminated(client, Generous);

        // A new session starting at that node gets a proven revoked Hello rejection, and ends there too.
        var again = CreateTestProbe();
        var second = clientSystem.Client.Connect(clientSystem.Client.LoadCredentials("1"), again.Ref, firstNode: 0);
        Watch(second);
        again.ExpectMsg<AccessRevoked>(Generous);
        ExpectTerminated(second, Generous);

        otherSessions.ExpectNoMsg(TimeSpan.FromSeconds(3));
        Assert.Equal(0, otherMeter.Sum("actorkeys.handshakes.accepted"));
        Assert.Equal(0, otherMeter.Sum("actorkeys.handshakes.rejected"));
    }

    private static void Revoke(ActorKeysHost server, string clientId) =>
        server.System.ActorSelection("/user/" + KeyAuthority.Name).Tell(new LifecycleChanged(new LifecycleView(
            new Dictionary<string, uint> { [clientId] = 1 }, new Dictionary<string, MasterKeyState>())), ActorRefs.NoSender);
}
