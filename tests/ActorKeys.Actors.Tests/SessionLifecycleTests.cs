using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Channel;

namespace ActorKeys.Actors.Tests;

/// <summary>How sessions end: a tampered record, a client system gone, a link cut.</summary>
public sealed class SessionLifecycleTests : ScenarioTest
{
    [Fact]
    public async Task A_tampered_record_ends_that_session_only()
    {
        await using var scenario = new Scenario();
        scenario.Issue("2");
        var application = CreateTestProbe();
        var server = await scenario.StartServerAsync(EchoToProbeApplication.Start(application.Ref));
        var stopped = Subscribe<SessionStopped>(server);
        var peer = scenario.StartPeerSystem();
        using var raw = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        raw.Connect(Generous);
        raw.SendText("ola");
        raw.ExpectText(Generous).ShouldBe("ola");
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        var client2 = clientSystem.Client.Connect("2", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        // Not a remote Watch from the peer: Akka.Remote may deliver that system message after the record that ends the
        // session, and the allow-list refuses a Watch of an actor that no longer exists. The server's own event is exact.
        var good = raw.Channel!.Seal(RecordKind.Data, "tampered"u8);
        var tampered = good with { Ciphertext = good.Ciphertext.ToArray() };
        tampered.Ciphertext[0] ^= 0x01;
        raw.Session.Tell(tampered, raw.Probe.Ref);

        var stop = stopped.ExpectMsg<SessionStopped>(Generous);
        stop.ClientId.ShouldBe("1");
        Assert.Contains("AuthenticationFailed", stop.Reason);
        client2.Tell(new Send("bom dia"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("bom dia");
        await AwaitSessionCountAsync(server, 1);
    }

    [Fact]
    public async Task A_client_system_that_shuts_down_makes_its_server_session_stop()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var connected = await ConnectWatchedAsync(scenario, server, "1");

        await connected.ClientSystem.DisposeAsync();

        connected.Watcher.ExpectTerminated(connected.ServerSession, Generous);
        await AwaitSessionCountAsync(server, 0);
    }

    [Fact]
    public async Task A_client_actor_that_stops_without_a_close_record_makes_its_server_sessions_stop_and_no_other()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1", "2");
        var server = await scenario.StartServerAsync();
        var stopped = Subscribe<SessionStopped>(server);
        var peer = scenario.StartPeerSystem();
        // Two sessions of one client actor (the server watches that actor once for both), and one of another actor of
        // the same system, which must live on.
        var leaving = CreateTestProbe(peer);
        using var first = new RawClient(leaving, scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        first.Connect(Generous);
        using var second = new RawClient(leaving, scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        second.Connect(Generous);
        using var staying = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "2"));
        staying.Connect(Generous);
        await AwaitSessionCountAsync(server, 3);

        // The actor alone stops, its system runs on: only Akka's death watch can tell the server.
        peer.Stop(leaving.Ref);

        var ends = new[] { stopped.ExpectMsg<SessionStopped>(Generous), stopped.ExpectMsg<SessionStopped>(Generous) };
        Assert.All(ends, end =>
        {
            end.ClientId.ShouldBe("1");
            Assert.Contains("the client went away", end.Reason);
        });
        await AwaitSessionCountAsync(server, 1);
        staying.SendText("still here");
        staying.ExpectText(Generous).ShouldBe("still here");
    }

    [Fact]
    public async Task A_session_manager_that_restarts_ends_its_sessions_tells_their_clients_and_serves_on()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1", "2");
        var random = new FailingOnceRandom();
        var server = await scenario.StartServerAsync(random: random);
        var connected = await ConnectWatchedAsync(scenario, server, "1");

        // The next randomness the server asks for is the next session's name, in the manager's handler: it throws, and
        // the manager restarts. Akka then restarts the manager's children; a session's keys cannot survive that.
        random.FailNext = true;
        var second = await scenario.StartClientAsync();
        var secondEvents = CreateTestProbe();
        second.Client.Connect("2", secondEvents.Ref);

        connected.Watcher.ExpectTerminated(connected.ServerSession, Generous);
        connected.Events.FishForMessage<ConnectionLost>(_ => true, Generous).Reason.ShouldBe("the server is shutting down");
        Assert.Equal(1, server.Diagnostics.SessionManagerRestarts);
        // The ended session is counted out, and the restarted manager serves: with both clients gone (the second one's
        // Hello went unanswered), a new one is served and is the only session counted.
        await connected.ClientSystem.DisposeAsync();
        await second.DisposeAsync();
        await AwaitSessionCountAsync(server, 0);
        var later = await ConnectWatchedAsync(scenario, server, "2");
        later.Watcher.ExpectNoMsg(TimeSpan.Zero);
        await AwaitSessionCountAsync(server, 1);
    }

    /// <summary>The system's CSPRNG, except that the call after <see cref="FailNext"/> is set throws (once).</summary>
    private sealed class FailingOnceRandom : ActorKeys.Protocol.Crypto.IRandomSource
    {
        private int _failNext;

        public bool FailNext
        {
            set => Volatile.Write(ref _failNext, value ? 1 : 0);
        }

        public void Fill(Span<byte> destination)
        {
            if (Interlocked.Exchange(ref _failNext, 0) == 1)
            {
                throw new InvalidOperationException("the test's randomness failed on purpose");
            }
            ActorKeys.Protocol.Crypto.SystemRandomSource.Instance.Fill(destination);
        }
    }

    [Fact]
    public async Task A_client_cut_off_by_the_throttler_makes_its_server_session_stop()
    {
        await using var scenario = new Scenario(Scenario.ThrottlerHocon);
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var connected = await ConnectWatchedAsync(scenario, server, "1");

        var transport = ((RemoteActorRefProvider)((ExtendedActorSystem)connected.ClientSystem.System).Provider).Transport;
        Assert.True(await transport.ManagementCommand(
            new SetThrottle(scenario.ServerAddress, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)));

        connected.Watcher.ExpectTerminated(connected.ServerSession, Generous);
        await AwaitSessionCountAsync(server, 0);
    }

    [Fact]
    public async Task A_session_without_finish_stops_after_the_handshake_timeout()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync(extraHocon: "actorkeys.server.handshake-timeout = 1s");
        var stopped = Subscribe<SessionStopped>(server);
        var peer = scenario.StartPeerSystem();
        using var raw = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        var (hello, handshake) = raw.NewHello();
        handshake.Dispose();

        raw.SendHello(hello);
        raw.Probe.ExpectMsg<Challenge>(Generous);

        stopped.ExpectMsg<SessionStopped>(Generous).Reason.ShouldBe("no Finish within the handshake timeout");
        await AwaitSessionCountAsync(server, 0);
    }

    [Fact]
    public async Task A_handshake_begun_while_the_manager_waits_for_a_later_deadline_still_times_out_on_time()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync(extraHocon: "actorkeys.server.handshake-timeout = 1s");
        var stopped = Subscribe<SessionStopped>(server);
        var peer = scenario.StartPeerSystem();
        using var established = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        established.Connect(Generous);
        // Past the first session's handshake deadline: the manager's one timer is now set for its reject-after (180 s).
        established.Probe.ExpectNoMsg(TimeSpan.FromSeconds(2));

        // Two handshakes that never finish, 300 ms apart: the first brings the timer nearer than the 180 s it was set
        // for; the second's deadline is still ahead when the first's comes, so the timer must be set again after it.
        using var silent = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        for (var i = 0; i < 2; i++)
        {
            var (hello, handshake) = silent.NewHello();
            handshake.Dispose();
            silent.SendHello(hello);
            silent.Probe.ExpectMsg<Challenge>(Generous);
            silent.Probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        }

        // Both within the generous wait, far short of 180 s.
        stopped.ExpectMsg<SessionStopped>(Generous).Reason.ShouldBe("no Finish within the handshake timeout");
        stopped.ExpectMsg<SessionStopped>(Generous).Reason.ShouldBe("no Finish within the handshake timeout");
        await AwaitSessionCountAsync(server, 1);
    }

    [Fact]
    public async Task A_wrong_finish_is_answered_authentication_failed_and_the_session_stops()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        var peer = scenario.StartPeerSystem();
        using var raw = new RawClient(CreateTestProbe(peer), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        var (hello, handshake) = raw.NewHello();
        handshake.Dispose();
        raw.SendHello(hello);
        var challenge = raw.Probe.ExpectMsg<Challenge>(Generous);
        var session = raw.Probe.LastSender;
        // The server's own event, not a remote Watch (which may arrive after the session has already stopped).
        var stopped = Subscribe<SessionStopped>(server);

        session.Tell(new Finish(challenge.SessionId, Mac.From(new byte[Ak1.ConfirmBytes])), raw.Probe.Ref);

        raw.Probe.ExpectMsg<Rejected2>(Generous).Reason.ShouldBe(RejectReason.AuthenticationFailed);
        stopped.ExpectMsg<SessionStopped>(Generous).Reason.ShouldBe("The client's key confirmation did not verify.");
        await AwaitSessionCountAsync(server, 0);
    }
}
