using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Server;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Channel;
using ActorKeys.Testing;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// Key generations over real remoting (PROTOCOL.md, version 2, items 5 and 6): the client rekeys on its timer whether or
/// not records flow, nothing is lost, repeated or refused across a rekey, and a session that never rekeys expires.
/// </summary>
public sealed class RekeyTests : ScenarioTest
{
    private const string FastRekey = "actorkeys { rekey-after = 1s, reject-after = 3s }";

    [Fact]
    public async Task Records_flowing_both_ways_at_full_speed_cross_many_rekeys_without_loss_repeat_or_refusal()
    {
        await using var scenario = new Scenario(FastRekey);
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        using var meter = new MeterRecorder(server.Metrics.Meter);
        var stopped = Subscribe<SessionStopped>(server);
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        // Ten seconds of traffic, with up to 200 records in flight each way; every echo must come back once, in order.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = 0;
        var received = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            for (var i = 0; i < 200; i++)
            {
                client.Tell(new Send($"m{sent++}"), ActorRefs.NoSender);
            }
            while (received < sent)
            {
                events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe($"m{received++}");
            }
        }

        Assert.True(meter.Sum("actorkeys.rekeys") >= 8, $"{meter.Sum("actorkeys.rekeys")} rekeys in 10 s with rekey-after = 1s");
        stopped.ExpectNoMsg(TimeSpan.Zero);
        events.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(0, meter.Sum("actorkeys.sessions.ended"));
    }

    [Fact]
    public async Task An_idle_session_still_rekeys_and_stays_up()
    {
        await using var scenario = new Scenario(FastRekey);
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        using var meter = new MeterRecorder(server.Metrics.Meter);
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        // No record for three times rekey-after (and past reject-after): the timer rekeys regardless.
        await AwaitAssertAsync(() => Assert.True(meter.Sum("actorkeys.rekeys") >= 4), Generous, TimeSpan.FromMilliseconds(200));

        client.Tell(new Send("still here"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("still here");
        events.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(0, meter.Sum("actorkeys.sessions.ended"));
    }

    [Fact]
    public async Task A_session_whose_client_never_rekeys_ends_at_reject_after_with_reason_expired()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync(extraHocon: "actorkeys.reject-after = 2s");
        var stopped = Subscribe<SessionStopped>(server);
        using var meter = new MeterRecorder(server.Metrics.Meter);
        // This client would rekey only after an hour.
        var clientSystem = await scenario.StartClientAsync("actorkeys { rekey-after = 1h, reject-after = 2h }");
        var events = CreateTestProbe();
        clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        stopped.ExpectMsg<SessionStopped>(Generous).Reason.ShouldBe("its key generation is older than actorkeys.reject-after");
        // The client is told why (close reason expired) and handshakes again.
        events.ExpectMsg<ConnectionLost>(Generous).Reason.ShouldBe("the server ended the session: its keys were too old");
        events.ExpectMsg<Reconnected>(Generous);
        Assert.Equal(1, meter.Sum("actorkeys.sessions.ended", "actorkeys.session.end_reason", "expired"));
        Assert.Equal(0, meter.Sum("actorkeys.rekeys"));
    }

    [Fact]
    public async Task After_a_rekey_the_clients_previous_generation_is_accepted_until_handshake_timeout_and_refused_after()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var application = CreateTestProbe();
        var server = await scenario.StartServerAsync(EchoToProbeApplication.Start(application.Ref),
            extraHocon: "actorkeys.server.handshake-timeout = 1s");
        var stopped = Subscribe<SessionStopped>(server);
        var peer = scenario.StartPeerSystem();
        using var raw = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        raw.Connect(Generous);
        raw.Session.Tell(raw.Channel!.BeginRekey(), raw.Probe.Ref);
        var ack = raw.Probe.ExpectMsg<Sealed>(Generous);
        // Sealed under generation 0 after the server moved on, as records still in flight during a rekey are.
        var inFlight = raw.Channel.Seal(RecordKind.Data, "in flight"u8);
        var late = raw.Channel.Seal(RecordKind.Data, "late"u8);
        raw.Channel.Open(ack).Kind.ShouldBe(RecordKind.RekeyAck);

        raw.Session.Tell(inFlight, raw.Probe.Ref);
        raw.ExpectText(Generous).ShouldBe("in flight");
        // Well past handshake-timeout (1 s) and the manager's next sweep: generation 0 opens nothing more.
        raw.Probe.ExpectNoMsg(TimeSpan.FromSeconds(3));
        raw.Session.Tell(late, raw.Probe.Ref);

        stopped.ExpectMsg<SessionStopped>(Generous).Reason.ShouldBe("refused a record (WrongGeneration)");
    }
}
