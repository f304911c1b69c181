using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Telemetry;
using ActorKeys.KeyStore;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// The ActorKeys meter read with a MeterListener after real handshakes, rejections and records over Akka.Remote.
/// Each test listens to its own server's meter instance (MeterRecorder), so servers of other tests count nothing here.
/// </summary>
public sealed class MetricsTests : ScenarioTest
{
    private static readonly string[] Ids = ["1", "2", "3"];

    [Fact]
    public async Task Handshakes_rejections_records_and_sessions_are_counted()
    {
        await using var scenario = new Scenario();
        scenario.Issue(Ids);
        using (var other = MasterSecret.Generate())
        {
            KeystoreFile.Issue(other, "9", 0, scenario.KeystoreFolder, KeyProtection.None, DateTimeOffset.UtcNow);
        }
        var server = await scenario.StartServerAsync();
        Assert.Equal(ServerMetrics.MeterName, server.Metrics.Meter.Name);
        using var meter = new MeterRecorder(server.Metrics.Meter);
        var clientSystem = await scenario.StartClientAsync();

        var clients = new List<(IActorRef Client, Akka.TestKit.TestProbe Events)>();
        foreach (var id in Ids)
        {
            var events = CreateTestProbe();
            clients.Add((clientSystem.Client.Connect(id, events.Ref), events));
            events.ExpectMsg<SessionKeyVerified>(Generous);
        }
        foreach (var (client, events) in clients)
        {
            client.Tell(new Send("ola"), ActorRefs.NoSender);
            events.ExpectMsg<MessageReceived>(Generous);
        }
        var rejected = CreateTestProbe();
        clientSystem.Client.Connect("9", rejected.Ref);
        rejected.ExpectMsg<ConnectionRejected>(Generous).Reason.ShouldBe(RejectReason.WrongServer);

        await AwaitAssertAsync(() =>
        {
            Assert.Equal(Ids.Length, meter.Sum("actorkeys.handshakes.accepted"));
            Assert.Equal(Ids.Length, meter.Sum("actorkeys.sessions.established"));
            Assert.Equal(Ids.Length, meter.Count("actorkeys.handshake.duration"));
            Assert.Equal(1, meter.Sum("actorkeys.handshakes.rejected", "actorkeys.rejection.reason", "wrong-server"));
            Assert.Equal(1, meter.Sum("actorkeys.handshakes.rejected"));
            Assert.Equal(Ids.Length, meter.Sum("actorkeys.records.opened"));
            Assert.Equal(Ids.Length, meter.Sum("actorkeys.records.sealed"));
            Assert.Equal(Ids.Length, meter.Observe("actorkeys.sessions.active", "actorkeys.session.state", "established"));
            Assert.Equal(0, meter.Observe("actorkeys.sessions.active", "actorkeys.session.state", "pending"));
        }, Generous, TimeSpan.FromMilliseconds(100));
        Assert.All(meter.Values("actorkeys.handshake.duration"), seconds => Assert.True(seconds > 0));
        // Every successful Hello holds its nonce in the replay cache for the skew window.
        Assert.Equal(Ids.Length, meter.Observe("actorkeys.replay_cache.entries"));
        Assert.True(meter.Observe("actorkeys.replay_cache.bytes") >= Ids.Length * 100, "the replay cache's tables hold its nonces");

        foreach (var (client, events) in clients)
        {
            client.Tell(Disconnect.Instance, ActorRefs.NoSender);
            events.FishForMessage<SessionEnded>(_ => true, Generous);
        }
        await AwaitSessionCountAsync(server, 0);

        await AwaitAssertAsync(() =>
        {
            Assert.Equal(Ids.Length, meter.Sum("actorkeys.sessions.ended", "actorkeys.session.end_reason", "closed"));
            Assert.Equal(Ids.Length, meter.Sum("actorkeys.sessions.ended"));
            Assert.Equal(0, meter.Observe("actorkeys.sessions.active"));
        }, Generous, TimeSpan.FromMilliseconds(100));
        // The close records were opened too; nothing more was sealed.
        Assert.Equal(2 * Ids.Length, meter.Sum("actorkeys.records.opened"));
        Assert.Equal(Ids.Length, meter.Sum("actorkeys.records.sealed"));
        // No client id, address or other free text ever became a tag value.
        Assert.Equal(new HashSet<string> { "actorkeys.rejection.reason=wrong-server" }, meter.TagsOf("actorkeys.handshakes.rejected"));
        Assert.Equal(new HashSet<string> { "actorkeys.session.end_reason=closed" }, meter.TagsOf("actorkeys.sessions.ended"));
        Assert.Empty(meter.TagsOf("actorkeys.handshakes.accepted"));
        Assert.Empty(meter.TagsOf("actorkeys.records.opened"));
    }

    [Fact]
    public async Task A_client_over_its_session_limit_is_counted_busy_under_that_limit()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync(extraHocon: "actorkeys.server.max-sessions-per-client = 1");
        using var meter = new MeterRecorder(server.Metrics.Meter);
        var clientSystem = await scenario.StartClientAsync();
        var first = CreateTestProbe();
        clientSystem.Client.Connect("1", first.Ref);
        first.ExpectMsg<SessionKeyVerified>(Generous);

        var second = CreateTestProbe();
        clientSystem.Client.Connect("1", second.Ref);

        second.ExpectMsg<ConnectionRejected>(Generous).Reason.ShouldBe(RejectReason.Busy);
        await AwaitAssertAsync(() =>
        {
            Assert.Equal(1, meter.Sum("actorkeys.handshakes.busy", "actorkeys.limit", "max-sessions-per-client"));
            Assert.Equal(1, meter.Sum("actorkeys.handshakes.rejected", "actorkeys.rejection.reason", "busy"));
            Assert.Equal(1, meter.Sum("actorkeys.handshakes.accepted"));
        }, Generous, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Two_servers_in_one_process_each_count_only_their_own()
    {
        await using var first = new Scenario();
        await using var second = new Scenario();
        first.Issue("1");
        var server1 = await first.StartServerAsync();
        var server2 = await second.StartServerAsync();
        using var meter1 = new MeterRecorder(server1.Metrics.Meter);
        using var meter2 = new MeterRecorder(server2.Metrics.Meter);
        Assert.NotSame(server1.Metrics.Meter, server2.Metrics.Meter);
        var clientSystem = await first.StartClientAsync();
        var events = CreateTestProbe();

        clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        await AwaitAssertAsync(() => Assert.Equal(1, meter1.Sum("actorkeys.sessions.established")), Generous, TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, meter2.Sum("actorkeys.sessions.established"));
        Assert.Equal(0, meter2.Observe("actorkeys.sessions.active"));
    }
}
