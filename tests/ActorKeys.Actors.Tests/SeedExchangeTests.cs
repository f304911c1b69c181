using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;

namespace ActorKeys.Actors.Tests;

/// <summary>The seed's flow over real Akka.Remote: two clients, two messages, two echoes.</summary>
public sealed class SeedExchangeTests : ScenarioTest
{
    [Fact]
    public async Task Two_clients_send_their_messages_and_each_receives_its_echo()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1", "2");
        var application = CreateTestProbe();
        await scenario.StartServerAsync(EchoToProbeApplication.Start(application.Ref));
        var clientSystem1 = await scenario.StartClientAsync();
        var clientSystem2 = await scenario.StartClientAsync();
        var events1 = CreateTestProbe();
        var events2 = CreateTestProbe();

        var client1 = clientSystem1.Client.Connect("1", events1.Ref);
        var client2 = clientSystem2.Client.Connect("2", events2.Ref);
        client1.Tell(new Send("ola"), ActorRefs.NoSender);
        client2.Tell(new Send("bom dia"), ActorRefs.NoSender);

        events1.ExpectMsg<SessionKeyVerified>(Generous).ClientId.ShouldBe("1");
        events2.ExpectMsg<SessionKeyVerified>(Generous).ClientId.ShouldBe("2");
        events1.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("ola");
        events2.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("bom dia");
        var seen = new[] { application.ExpectMsg<ClientMessage>(Generous), application.ExpectMsg<ClientMessage>(Generous) };
        Assert.Equal(
            new[] { new ClientMessage("1", "ola"), new ClientMessage("2", "bom dia") },
            seen.OrderBy(m => m.ClientId));
    }

    [Fact]
    public async Task The_default_application_prints_each_message_as_the_seed_does()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var scenario = new Scenario();
        scenario.Issue("1");
        await scenario.StartServerAsync(output: lines.Enqueue);
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();

        var client = clientSystem.Client.Connect("1", events.Ref);
        client.Tell(new Send("ola"), ActorRefs.NoSender);

        events.ExpectMsg<SessionKeyVerified>(Generous);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("ola");
        Assert.Equal(["User '1': 'ola'"], lines);
    }

    [Fact]
    public async Task A_close_from_the_client_stops_its_server_session()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var sessions = CreateTestProbe(server.System);
        server.System.EventStream.Subscribe(sessions.Ref, typeof(SessionEstablished));
        server.System.EventStream.Subscribe(sessions.Ref, typeof(SessionStopped));
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();

        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        sessions.ExpectMsg<SessionEstablished>(Generous);
        client.Tell(Disconnect.Instance, ActorRefs.NoSender);

        events.ExpectMsg<SessionEnded>(Generous);
        sessions.ExpectMsg<SessionStopped>(Generous).Reason.ShouldBe("the client closed the session");
        await AwaitSessionCountAsync(server, 0);
    }
}
