using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Testing;

namespace ActorKeys.Actors.Tests;

/// <summary>A client whose established session is lost handshakes again, and never drops a message silently.</summary>
public sealed class ReconnectTests : ScenarioTest
{
    private const string QuickReconnect = """
        actorkeys.client.reconnect { min-backoff = 100ms, max-backoff = 1s, max-attempts = 60 }
        actorkeys.client.handshake-timeout = 2s
        """;

    [Fact]
    public async Task After_a_server_restart_with_the_same_master_key_the_client_reconnects_and_sends_what_waited()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var port = server.Address.Port!.Value;
        var clientSystem = await scenario.StartClientAsync(QuickReconnect);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        client.Tell(new Send("before"), ActorRefs.NoSender);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("before");

        await scenario.StopServerAsync();
        events.ExpectMsg<ConnectionLost>(Generous);
        client.Tell(new Send("while away"), ActorRefs.NoSender);
        await scenario.StartServerAsync(extraHocon: $"akka.remote.dot-netty.tcp.port = {port}");

        events.ExpectMsg<Reconnected>(Generous).ClientId.ShouldBe("1");
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("while away");
        client.Tell(new Send("after"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("after");
    }

    [Fact]
    public async Task When_the_server_does_not_come_back_waiting_messages_are_reported_not_sent()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientAsync("""
            actorkeys.client.reconnect { min-backoff = 100ms, max-backoff = 200ms, max-attempts = 2 }
            actorkeys.client.handshake-timeout = 1s
            """);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        await scenario.StopServerAsync();
        events.ExpectMsg<ConnectionLost>(Generous);
        client.Tell(new Send("lost?"), ActorRefs.NoSender);

        Assert.Contains("reconnecting gave up after 2 attempts", events.ExpectMsg<SessionEnded>(Generous).Reason);
        events.ExpectMsg<MessageNotSent>(Generous).Text.ShouldBe("lost?");
    }

    [Fact]
    public async Task A_first_connection_to_a_server_that_is_not_there_is_not_retried()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientAsync("actorkeys.client.handshake-timeout = 1s");
        await scenario.StopServerAsync();
        var events = CreateTestProbe();

        var client = clientSystem.Client.Connect("1", events.Ref);
        client.Tell(new Send("nobody there"), ActorRefs.NoSender);

        events.ExpectMsg<ServerUnreachable>(Generous).Address.ShouldBe(server.Address.ToString());
        events.ExpectMsg<MessageNotSent>(Generous).Text.ShouldBe("nobody there");
    }

    [Theory]
    [InlineData(false, "the connection to the server was lost")]
    [InlineData(true, "the server ended the session")]
    public async Task A_session_reported_gone_is_a_lost_connection_unless_the_servers_node_confirmed_it(bool confirmed, string reason)
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var established = Subscribe<Server.SessionEstablished>(server);
        var clientSystem = await scenario.StartClientAsync(QuickReconnect);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        var session = established.ExpectMsg<Server.SessionEstablished>(Generous).Session;
        // The session as the client system knows it: the server's address, its path and its uid.
        var remoteSession = ((ExtendedActorSystem)clientSystem.System).Provider.ResolveActorRef(
            $"{scenario.ServerAddress}{session.Path.ToStringWithoutAddress()}#{session.Path.Uid}");

        // What Akka tells a watcher: confirmed when the server's node reports the stop; unconfirmed when the watch itself
        // went to dead letters (the server was killed before it acknowledged the watch).
        ((IInternalActorRef)client).SendSystemMessage(
            new Akka.Dispatch.SysMsg.DeathWatchNotification(remoteSession, existenceConfirmed: confirmed, addressTerminated: false));

        events.ExpectMsg<ConnectionLost>(Generous).Reason.ShouldBe(reason);
        events.ExpectMsg<Reconnected>(Generous);
    }
}
