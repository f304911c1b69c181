using Akka.Actor;
using Akka.Event;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;
using ActorKeys.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ActorKeys.Reliability.Tests;

/// <summary>
/// The idle phase: a session that sends nothing for a minute, with Akka's default failure-detector settings, is
/// still the same session afterwards. Remote death watch lives on the remote watcher's heartbeats, which arrive by
/// actor selection to /system/remote-watcher: untrusted mode drops them unless that path is trusted, and then every
/// session was declared dead about every 25 s (issue: sessions that last).
/// </summary>
public sealed class IdleSessionTests(ITestOutputHelper output) : ScenarioTest
{
    /// <summary>Akka.Remote 1.5's own defaults, in place of the quick detectors the other scenarios use.</summary>
    private const string DefaultFailureDetectors = """
        akka.remote.watch-failure-detector {
          heartbeat-interval = 1s
          acceptable-heartbeat-pause = 10s
          threshold = 10.0
          expected-response-after = 1s
          unreachable-nodes-reaper-interval = 1s
        }
        akka.remote.transport-failure-detector {
          heartbeat-interval = 4s
          acceptable-heartbeat-pause = 120s
        }
        """;

    [Fact]
    public async Task A_session_idle_for_a_minute_keeps_its_keys_and_answers_without_a_new_handshake()
    {
        var tally = new ReliabilityTally();
        await using var scenario = new Scenario(DefaultFailureDetectors);
        scenario.Issue("idle");
        var server = await scenario.StartServerAsync();
        var established = Subscribe<SessionEstablished>(server);
        var stopped = Subscribe<SessionStopped>(server);
        var serverWarnings = server.System.ActorOf(MessageCounter.Of<LogEvent>());
        server.System.EventStream.Subscribe(serverWarnings, typeof(Warning));
        server.System.EventStream.Subscribe(serverWarnings, typeof(Error));
        var clientSystem = await scenario.StartClientAsync();
        var clientWarnings = clientSystem.System.ActorOf(MessageCounter.Of<LogEvent>());
        clientSystem.System.EventStream.Subscribe(clientWarnings, typeof(Warning));
        clientSystem.System.EventStream.Subscribe(clientWarnings, typeof(Error));
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("idle", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        established.ExpectMsg<SessionEstablished>(Generous);
        tally.Handshake();
        client.Tell(new Send("before"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("before");
        tally.Record();

        // A minute of silence: no ConnectionLost, no Reconnected, no session ended on the server.
        events.ExpectNoMsg(TimeSpan.FromSeconds(60));
        stopped.ExpectNoMsg(TimeSpan.Zero);

        client.Tell(new Send("after"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("after");
        tally.Record();
        established.ExpectNoMsg(TimeSpan.Zero); // the same session: no handshake happened meanwhile
        Assert.Equal(0, await serverWarnings.Ask<int>(MessageCounter.GetCount.Instance, Generous));
        Assert.Equal(0, await clientWarnings.Ask<int>(MessageCounter.GetCount.Instance, Generous));
        await AwaitSessionCountAsync(server, 1);
        tally.ReportAndAssert(output);
    }
}
