using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;
using ActorKeys.KeyStore;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Tests;

/// <summary>Hellos that must be refused with the spec's reason, creating no session.</summary>
public sealed class RejectionTests : ScenarioTest
{
    [Fact]
    public async Task A_keystore_from_another_master_key_gets_wrong_server()
    {
        await using var scenario = new Scenario();
        using (var other = MasterSecret.Generate())
        {
            KeystoreFile.Issue(other, "1", 0, scenario.KeystoreFolder, KeyProtection.None, DateTimeOffset.UtcNow);
        }
        var server = await scenario.StartServerAsync();
        var rejections = Subscribe<HelloRejected>(server);
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();

        clientSystem.Client.Connect("1", events.Ref);

        events.ExpectMsg<ConnectionRejected>(Generous).Reason.ShouldBe(RejectReason.WrongServer);
        rejections.ExpectMsg<HelloRejected>(Generous).Reason.ShouldBe(RejectReason.WrongServer);
        await AwaitSessionCountAsync(server, 0);
    }

    [Fact]
    public async Task A_wrong_access_key_gets_authentication_failed()
    {
        await using var scenario = new Scenario();
        var wrongKey = SystemRandomSource.Instance.NextBytes(Ak1.KeyBytes);
        using (var forged = new ClientCredentials("1", 0, scenario.Master.KeyId, wrongKey))
        {
            Directory.CreateDirectory(scenario.KeystoreFolder);
            KeystoreFile.Write(Path.Combine(scenario.KeystoreFolder, KeystoreFile.FileName("1")), forged, DateTimeOffset.UtcNow, KeyProtection.None);
        }
        var server = await scenario.StartServerAsync();
        var rejections = Subscribe<HelloRejected>(server);
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();

        clientSystem.Client.Connect("1", events.Ref);

        events.ExpectMsg<ConnectionRejected>(Generous).Reason.ShouldBe(RejectReason.AuthenticationFailed);
        rejections.ExpectMsg<HelloRejected>(Generous).Reason.ShouldBe(RejectReason.AuthenticationFailed);
        await AwaitSessionCountAsync(server, 0);
    }

    [Fact]
    public async Task A_replayed_hello_gets_stale_or_replayed_and_no_second_session()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        var established = Subscribe<SessionEstablished>(server);
        var peer = scenario.StartPeerSystem();
        using var raw = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(),
            Credentials(scenario.Master, "1"));
        raw.Connect(Generous);
        established.ExpectMsg<SessionEstablished>(Generous);
        var (hello, handshake) = raw.NewHello();
        handshake.Dispose();

        raw.SendHello(hello);
        raw.Probe.ExpectMsg<Challenge>(Generous);
        raw.SendHello(hello);

        raw.Probe.ExpectMsg<Rejected2>(Generous).Reason.ShouldBe(RejectReason.StaleOrReplayed);
        // The first copy started a session (pending its Finish); the replay started none.
        await AwaitSessionCountAsync(server, 2);
    }

    [Fact]
    public async Task Repeated_failed_handshakes_go_unanswered_over_budget_and_never_keep_the_real_client_out()
    {
        await using var scenario = new Scenario("""
            actorkeys.server.failed-handshake-limit { per-second = 1, burst = 3 }
            """);
        scenario.Issue("2");
        var server = await scenario.StartServerAsync();
        var peer = scenario.StartPeerSystem("guesser");
        var wrongKey = SystemRandomSource.Instance.NextBytes(Ak1.KeyBytes);
        // The guesser spends its failures on the very id of the client that connects afterwards.
        using var guesser = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(),
            new ClientCredentials("2", 0, scenario.Master.KeyId, wrongKey));

        for (var i = 0; i < 12; i++)
        {
            var (hello, handshake) = guesser.NewHello();
            handshake.Dispose();
            guesser.SendHello(hello);
        }
        var answers = guesser.Probe.ReceiveWhile(TimeSpan.FromSeconds(2), m => m is Rejected2 r ? r.Reason : (RejectReason?)null)
            .Where(r => r is not null).ToList();

        // The budget is a burst of 3 answers per address, refilled at one per second: the rest are dropped unanswered.
        Assert.Equal(Enumerable.Repeat<RejectReason?>(RejectReason.AuthenticationFailed, 3), answers.Take(3));
        Assert.InRange(answers.Count, 3, 11);
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        clientSystem.Client.Connect("2", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        await AwaitSessionCountAsync(server, 1);
    }

    [Fact]
    public async Task One_client_handshaking_in_a_loop_is_answered_busy_and_cannot_fill_the_replay_cache_for_others()
    {
        await using var scenario = new Scenario("actorkeys.server.max-sessions-per-client = 100");
        scenario.Issue("2");
        var server = await scenario.StartServerAsync();
        var peer = scenario.StartPeerSystem("looper");
        using var looper = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));

        var answers = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            var (hello, handshake) = looper.NewHello();
            handshake.Dispose();
            looper.SendHello(hello);
            answers.Add(looper.Probe.ExpectMsg<IAk1Message>(Generous) switch
            {
                Challenge => "challenge",
                Rejected2 r => r.Reason.ToWireName(),
                var other => other.GetType().Name,
            });
        }

        // The default budget is a burst of 10 handshakes per id, refilled at one per second.
        Assert.Equal(Enumerable.Repeat("challenge", 10), answers.Take(10));
        Assert.Contains("busy", answers.Skip(10));
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        clientSystem.Client.Connect("2", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
    }
}
