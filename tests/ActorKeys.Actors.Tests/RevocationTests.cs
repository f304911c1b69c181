using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.KeyStore;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// Revocation applied by a running server (PROTOCOL.md, version 2, item 7): the sessions of the revoked epochs end with a
/// close record of reason revoked, the others go on, and a later Hello of a revoked epoch gets a proven <c>revoked</c>.
/// The lifecycle is handed to the key authority here as the registry watcher hands it.
/// </summary>
public sealed class RevocationTests : ScenarioTest
{
    [Fact]
    public async Task Revoking_a_client_ends_only_its_sessions_and_its_next_hello_gets_a_proven_revoked()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1", "2");
        var server = await scenario.StartServerAsync();
        using var meter = new MeterRecorder(server.Metrics.Meter);
        var stopped = Subscribe<SessionStopped>(server);
        var clientSystem = await scenario.StartClientAsync();
        var revokedEvents = CreateTestProbe();
        clientSystem.Client.Connect("1", revokedEvents.Ref);
        revokedEvents.ExpectMsg<SessionKeyVerified>(Generous);
        var otherEvents = CreateTestProbe();
        var other = clientSystem.Client.Connect("2", otherEvents.Ref);
        otherEvents.ExpectMsg<SessionKeyVerified>(Generous);

        Revoke(server, "1", minimumEpoch: 1);

        revokedEvents.ExpectMsg<AccessRevoked>(Generous).ClientId.ShouldBe("1");
        stopped.ExpectMsg<SessionStopped>(Generous).ClientId.ShouldBe("1");
        other.Tell(new Send("unaffected"), ActorRefs.NoSender);
        otherEvents.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("unaffected");

        // The revoked keystore, tried again, is told so (with a proof only the server could make), and never retries.
        var again = CreateTestProbe();
        clientSystem.Client.Connect("1", again.Ref);
        again.ExpectMsg<AccessRevoked>(Generous);
        await AwaitAssertAsync(() =>
        {
            Assert.Equal(1, meter.Sum("actorkeys.handshakes.rejected", "actorkeys.rejection.reason", "revoked"));
            Assert.Equal(1, meter.Sum("actorkeys.sessions.ended", "actorkeys.session.end_reason", "revoked"));
            Assert.Equal(1, meter.Sum("actorkeys.revocations.applied"));
        }, Generous, TimeSpan.FromMilliseconds(100));
        await AwaitSessionCountAsync(server, 1);
    }

    [Fact]
    public async Task A_revocation_that_leaves_an_epoch_valid_ends_nothing()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        // Minimum 0 is every epoch; another client's revocation concerns this one not at all.
        Revoke(server, "1", minimumEpoch: 0);
        Revoke(server, "someone-else", minimumEpoch: 5);

        client.Tell(new Send("fine"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("fine");
        await AwaitSessionCountAsync(server, 1);
    }

    [Fact]
    public async Task Retiring_a_master_key_closes_its_sessions_and_refuses_its_hellos_while_the_current_key_serves_on()
    {
        await using var scenario = new Scenario();
        scenario.Issue("new");
        // "old" holds a keystore of the previous master key, which the server still accepts as retiring.
        var previous = MasterSecret.Generate();
        var previousKeyId = previous.KeyIdHex;
        KeystoreFile.Issue(previous, "old", 0, scenario.KeystoreFolder, KeyProtection.None, DateTimeOffset.UtcNow);
        var server = await scenario.StartServerAsync(retiringKeys: [previous]);
        var clientSystem = await scenario.StartClientAsync();
        var oldEvents = CreateTestProbe();
        clientSystem.Client.Connect("old", oldEvents.Ref);
        oldEvents.ExpectMsg<SessionKeyVerified>(Generous);
        var newEvents = CreateTestProbe();
        var current = clientSystem.Client.Connect("new", newEvents.Ref);
        newEvents.ExpectMsg<SessionKeyVerified>(Generous);

        server.System.ActorSelection("/user/" + KeyAuthority.Name).Tell(new LifecycleChanged(new LifecycleView(
            new Dictionary<string, uint>(),
            new Dictionary<string, MasterKeyState> { [scenario.Master.KeyIdHex] = MasterKeyState.Current, [previousKeyId] = MasterKeyState.Retired })),
            ActorRefs.NoSender);

        // Rekeys chain from ck, not from the master key: without the close, the old session would live on.
        oldEvents.ExpectMsg<AccessRevoked>(Generous);
        var again = CreateTestProbe();
        clientSystem.Client.Connect("old", again.Ref);
        again.ExpectMsg<ConnectionRejected>(Generous).Reason.ShouldBe(RejectReason.WrongServer);
        current.Tell(new Send("served"), ActorRefs.NoSender);
        newEvents.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("served");
    }

    [Fact]
    public async Task A_revocation_that_comes_while_the_finish_is_on_its_way_ends_the_session_with_a_close_record_revoked()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        using var meter = new MeterRecorder(server.Metrics.Meter);
        var peer = scenario.StartPeerSystem();
        using var raw = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        var (hello, handshake) = raw.NewHello();
        raw.SendHello(hello);
        var challenge = raw.Probe.ExpectMsg<Challenge>(Generous);
        var session = raw.Probe.LastSender;

        // The client holds its keys and its Finish is not sent yet, when the server learns of the revocation.
        Revoke(server, "1", minimumEpoch: 1);
        await AwaitAssertAsync(() => Assert.Equal(1, meter.Sum("actorkeys.revocations.applied")), Generous, TimeSpan.FromMilliseconds(50));
        var (finish, channel) = handshake.HandleChallenge(challenge);
        handshake.Dispose();
        using var _ = channel;
        session.Tell(finish, raw.Probe.Ref);

        // Without the close record the client would believe in a session that is gone.
        var close = channel.Open(raw.Probe.ExpectMsg<Sealed>(Generous));
        Assert.Equal(Protocol.Channel.CloseReason.Revoked, close.CloseReason);
        await AwaitSessionCountAsync(server, 0);
    }

    private static void Revoke(ActorKeysHost server, string clientId, uint minimumEpoch) =>
        server.System.ActorSelection("/user/" + KeyAuthority.Name).Tell(new LifecycleChanged(new LifecycleView(
            new Dictionary<string, uint> { [clientId] = minimumEpoch }, new Dictionary<string, MasterKeyState>())), ActorRefs.NoSender);
}
