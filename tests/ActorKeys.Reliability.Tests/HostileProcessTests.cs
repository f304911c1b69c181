using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch.SysMsg;
using ActorKeys.Testing;
using ActorKeys.Protocol;
using ActorKeys.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ActorKeys.Reliability.Tests;

/// <summary>
/// The hostile-peer matrix's worst cases against the built <c>actorkeys server</c> process, as a stranger with a
/// stock Akka.NET system would try them: Kill to the root guardian, to /user, /system and the endpoint manager,
/// Suspend to the key authority, Recreate to the session manager. The process keeps serving: a client connected
/// before still gets its echo, and a new client connects.
/// </summary>
public sealed class HostileProcessTests(ITestOutputHelper output) : ScenarioTest
{
    [Fact]
    public async Task A_stranger_cannot_stop_freeze_or_reset_a_running_actorkeys_server()
    {
        var tally = new ReliabilityTally();
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1,2")).ExitCode);
        await using var server = CliProcess.Start(folder.Path, "server", "--port", "0");
        var banner = await server.WaitForLineAsync(@"^Serving on (akka\.tcp://actorkeys-server@[0-9.]+:\d+) ");
        var address = banner.Groups[1].Value;
        await using var client = CliProcess.Start(folder.Path, "client", "--server", address, "--id", "1");
        await client.WriteAsync("before\n");
        await client.WaitForLineAsync("^Message received: 'before'$");
        tally.Handshake();
        tally.Record();
        var stranger = ActorSystem.Create("stranger", ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.actor.serializers.ak1 = "ActorKeys.Actors.Serialization.Ak1Serializer, ActorKeys.Actors"
            akka.actor.serialization-bindings { "ActorKeys.Protocol.IAk1Message, ActorKeys.Protocol" = ak1 }
            {{Scenario.TestHocon}}
            """));
        try
        {
            var probe = CreateTestProbe(stranger);
            IInternalActorRef At(string path) => (IInternalActorRef)((ExtendedActorSystem)stranger).Provider.ResolveActorRef(address + path);

            stranger.ActorSelection(address).Tell(new Identify("root"), probe.Ref);
            foreach (var path in new[] { "/", "/user", "/system", "/system/endpointManager", "/user/key-authority" })
            {
                At(path).Tell(Kill.Instance, probe.Ref);
                tally.Fault();
            }
            At("/user/key-authority").SendSystemMessage(new Suspend());
            At("/user").SendSystemMessage(new Suspend());
            At("/user/sessions").SendSystemMessage(new Recreate(new BaitException("recreate")));
            At("/user/key-authority").SendSystemMessage(new Recreate(new BaitException("recreate")));
            tally.Fault();
            tally.Fault();
            tally.Fault();
            tally.Fault();

            // The key authority still answers, after everything above (same association, in order).
            var hello = new Hello(Ak1.Version, "barrier", 0, KeyId.From(new byte[Ak1.KeyIdBytes]), address.ToString(), 0, Nonce.From(new byte[Ak1.NonceBytes]),
                PublicKey.From(new byte[Ak1.PublicKeyBytes]), Mac.From(new byte[Ak1.BinderBytes]));
            stranger.ActorSelection(address + "/user/key-authority").Tell(hello, probe.Ref);
            (await probe.FishForMessageAsync<Rejected2>(_ => true, Generous)).Reason.ShouldBe(RejectReason.WrongServer);
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // and the Identify was never answered
        }
        finally
        {
            await stranger.Terminate();
        }

        Assert.False(System.Diagnostics.Process.GetProcessById(server.Id).HasExited, "the server process exited");
        await client.WriteAsync("after\n");
        await client.WaitForLineAsync("^Message received: 'after'$");
        tally.Record();
        var fresh = await CliProcess.RunAsync(folder.Path, "2\nhi\n", "client", "--server", address);
        Assert.Contains("Message received: 'hi'", fresh.Stdout);
        tally.Handshake();
        tally.Record();
        tally.ReportAndAssert(output);
    }

    [Fact]
    public async Task What_Akka_Remote_itself_logs_for_a_stranger_stays_within_the_log_budget()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1")).ExitCode);
        await using var server = CliProcess.Start(folder.Path, "server", "--port", "0");
        var address = (await server.WaitForLineAsync(@"^Serving on (akka\.tcp://actorkeys-server@[0-9.]+:\d+) ")).Groups[1].Value;
        var stranger = ActorSystem.Create("stranger", ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.actor.serializers.ak1 = "ActorKeys.Actors.Serialization.Ak1Serializer, ActorKeys.Actors"
            akka.actor.serializers.unknown = "ActorKeys.Reliability.Tests.Support.UnknownIdSerializer, ActorKeys.Reliability.Tests"
            akka.actor.serialization-bindings {
              "ActorKeys.Protocol.IAk1Message, ActorKeys.Protocol" = ak1
              "ActorKeys.Reliability.Tests.Support.UnknownIdMessage, ActorKeys.Reliability.Tests" = unknown
            }
            {{Scenario.TestHocon}}
            """));
        var flood = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var probe = CreateTestProbe(stranger);
            // Akka.Remote writes a warning for each frame naming a serializer it does not have, before ActorKeys sees it.
            var keyAuthority = ((ExtendedActorSystem)stranger).Provider.ResolveActorRef(address + "/user/key-authority");
            for (var i = 0; i < 1000; i++)
            {
                keyAuthority.Tell(new UnknownIdMessage(i), probe.Ref);
            }
            var hello = new Hello(Ak1.Version, "barrier", 0, KeyId.From(new byte[Ak1.KeyIdBytes]), address.ToString(), 0, Nonce.From(new byte[Ak1.NonceBytes]),
                PublicKey.From(new byte[Ak1.PublicKeyBytes]), Mac.From(new byte[Ak1.BinderBytes]));
            stranger.ActorSelection(address + "/user/key-authority").Tell(hello, probe.Ref);
            (await probe.FishForMessageAsync<Rejected2>(_ => true, Generous)).Reason.ShouldBe(RejectReason.WrongServer);
        }
        finally
        {
            flood.Stop();
            await stranger.Terminate();
        }
        // The count of what was left out is reported even though no later line came to carry it.
        await AwaitConditionAsync(() => Task.FromResult(server.Stderr.Any(l => l.Contains("suppressed", StringComparison.Ordinal))), Generous);
        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync());

        var lines = server.Stderr.Count;
        output.WriteLine($"server log lines for 1,000 frames with an unknown serializer: {lines} in {flood.Elapsed.TotalSeconds:0.0} s");
        // A burst of 20 and 10 a second per source, each allowed line possibly preceded by one "suppressed" line,
        // and a few lines of the stranger's association ending.
        Assert.True(lines <= 2 * (20 + 10 * (flood.Elapsed.TotalSeconds + 1)) + 10, $"{lines} lines: {string.Join("\n", server.Stderr.Take(5))}");
    }
}
