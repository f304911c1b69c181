using Akka.Actor;
using Akka.Configuration;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Wire;
using ActorKeys.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ActorKeys.Reliability.Tests;

/// <summary>
/// Peers that are no clients throw everything they can at a running server while a legitimate client keeps
/// talking: random and replayed Hellos, Finish and records for sessions that are not theirs, junk bytes, records
/// above the frame size, objects in every serializer the server has, and 10,000 junk Hellos as fast as possible.
/// </summary>
public sealed class HostileFloodTests(ITestOutputHelper output) : ScenarioTest
{
    private const int JunkHellos = 10_000;
    private const int Batches = 10;

    [Fact]
    public async Task Legitimate_clients_keep_their_sessions_and_memory_returns_after_a_flood()
    {
        var tally = new ReliabilityTally();
        await using var scenario = new Scenario("""
            akka.remote.watch-failure-detector.acceptable-heartbeat-pause = 10s
            akka.remote.transport-failure-detector.acceptable-heartbeat-pause = 10s
            """);
        scenario.Issue("good", "fresh");
        var server = await scenario.StartServerAsync();
        var registry = Akka.Hosting.ActorRegistry.For(server.System);
        var authority = await registry.GetAsync<KeyAuthority>();
        var sessions = await registry.GetAsync<SessionManager>();
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        var good = clientSystem.Client.Connect("good", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        tally.Handshake();
        var attacker = StartAttacker(scenario, "attacker");
        var counter = attacker.ActorOf(MessageCounter.Of<Rejected2>());
        // Every failed Hello (junk Hellos and frames that claim to be one) is published once on the server, answered or not.
        var failures = server.System.ActorOf(MessageCounter.Of<HelloRejected>());
        server.System.EventStream.Subscribe(failures, typeof(HelloRejected));
        var keyAuthority = attacker.ActorSelection(scenario.ServerAddress + "/user/key-authority");
        var random = new Random(20261125);
        // A first wave of the same size warms up what legitimately keeps memory (remoting's pooled buffers,
        // which grow with the largest backlog seen, the association, JIT): the flood that follows must not
        // grow the heap beyond that level.
        for (var i = 0; i < JunkHellos; i++)
        {
            keyAuthority.Tell(RandomHello(random, scenario.Master.KeyId, i % 2 == 0, scenario.ServerAddress.ToString()), Sender(attacker, counter, i));
            tally.Fault();
        }
        SendOddities(keyAuthority, counter, random, tally);
        await AwaitCountAsync(failures, JunkHellos + MalformedHellosPerOddities);
        var memoryBefore = SettledHeapBytes();
        var logLines = server.System.ActorOf(MessageCounter.Of<Akka.Event.LogEvent>());
        server.System.EventStream.Subscribe(logLines, typeof(Akka.Event.Warning));
        server.System.EventStream.Subscribe(logLines, typeof(Akka.Event.Error));
        var flood = System.Diagnostics.Stopwatch.StartNew();

        for (var batch = 0; batch < Batches; batch++)
        {
            for (var i = 0; i < JunkHellos / Batches; i++)
            {
                keyAuthority.Tell(RandomHello(random, scenario.Master.KeyId, i % 2 == 0, scenario.ServerAddress.ToString()), Sender(attacker, counter, i));
                tally.Fault();
            }
            SendOddities(keyAuthority, counter, random, tally);
            if (batch == Batches / 2)
            {
                // A client that was never connected handshakes in the middle of the flood.
                var joined = System.Diagnostics.Stopwatch.StartNew();
                clientSystem.Client.Connect("fresh", events.Ref);
                events.ExpectMsg<SessionKeyVerified>(Generous);
                tally.Handshake();
                output.WriteLine($"a new client handshook during the flood in {joined.ElapsedMilliseconds} ms");
            }
            // The legitimate client is answered throughout.
            good.Tell(new Send($"ping {batch}"), ActorRefs.NoSender);
            events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe($"ping {batch}");
            tally.Record();
        }
        AssertCoreIntact(server);
        Assert.Equal(2, (await sessions.Ask<SessionCount>(GetSessionCount.Instance, Generous)).Count);
        await AwaitCountAsync(failures, 2 * JunkHellos + MalformedHellosPerOddities * (Batches + 1));
        var replies = await counter.Ask<int>(MessageCounter.GetCount.Instance, Generous);
        output.WriteLine($"rejections answered to the attacker's real address: {replies} of {2 * JunkHellos} junk Hellos");
        // Answers are budgeted (per claimed address and for the whole server), never one per junk Hello.
        Assert.InRange(replies, 1, JunkHellos - 1);
        flood.Stop();
        // Junk is refused without a log line each; failed Hellos share one budget for the whole server (a burst of
        // 10, then 10 lines a second, each possibly preceded by one "Suppressed K rejections" line).
        var lines = await logLines.Ask<int>(MessageCounter.GetCount.Instance, Generous);
        output.WriteLine($"log lines during the flood: {lines} in {flood.Elapsed.TotalSeconds:0.0} s");
        Assert.True(lines <= 2 * (10 + 10 * flood.Elapsed.TotalSeconds),
            $"{lines} log lines in {flood.Elapsed.TotalSeconds:0.0} s, first ones:\n{await logLines.Ask<string>(MessageCounter.GetSamples.Instance, Generous)}");
        var growth = SettledHeapBytes() - memoryBefore;
        output.WriteLine($"managed heap growth after the flood: {growth / 1024} KiB");
        Assert.True(growth < 8 * 1024 * 1024, $"the heap grew by {growth / 1024} KiB and did not come back");
        good.Tell(new Send("after"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("after");
        tally.Record();
        tally.ReportAndAssert(output);
    }

    [Fact]
    public async Task A_replayed_valid_hello_and_an_oversized_frame_change_nothing_for_the_client_they_target()
    {
        await using var scenario = new Scenario();
        scenario.Issue("good");
        var server = await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        var good = clientSystem.Client.Connect("good", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        var attacker = StartAttacker(scenario, "sniffer", "akka.remote.dot-netty.tcp.maximum-frame-size = 1MiB");
        var probe = CreateTestProbe(attacker);
        var keyAuthority = attacker.ActorSelection(scenario.ServerAddress + "/user/key-authority");
        // A Hello of the good client's, as a sniffer on the network would have it.
        using var credentials = Credentials(scenario.Master, "good");
        using var handshake = new ActorKeys.Protocol.Handshake.ClientHandshake(credentials, scenario.ServerAddress.ToString());
        var sniffed = handshake.Start((ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), SystemRandomSource.Instance);

        keyAuthority.Tell(sniffed, probe.Ref);
        probe.ExpectMsg<Challenge>(Generous); // the first copy is the client's own, as far as the server can tell
        keyAuthority.Tell(sniffed, probe.Ref);
        probe.ExpectMsg<Rejected2>(Generous).Reason.ShouldBe(RejectReason.StaleOrReplayed);
        keyAuthority.Tell(new Sealed(SessionId.From(new byte[Ak1.SessionIdBytes]), 0, 0, new byte[300_000]), probe.Ref);

        good.Tell(new Send("still fine"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("still fine");
    }

    [Fact]
    public async Task A_malformed_hello_is_answered_protocol_violation()
    {
        await using var scenario = new Scenario();
        await scenario.StartServerAsync();
        var attacker = StartAttacker(scenario, "malformed");
        var probe = CreateTestProbe(attacker);
        var keyAuthority = attacker.ActorSelection(scenario.ServerAddress + "/user/key-authority");

        // An id of no bytes, of 65 bytes, and of bytes that are not UTF-8: the codec refuses each before any check.
        foreach (var id in new[] { Array.Empty<byte>(), new byte[65].Select(_ => (byte)'a').ToArray(), new byte[] { 0xC3, 0x28 } })
        {
            keyAuthority.Tell(new JunkFrame(HelloFrame(id), "H"), probe.Ref);
            probe.ExpectMsg<Rejected2>(Generous).Reason.ShouldBe(RejectReason.ProtocolViolation);
        }
    }

    [Fact]
    public async Task A_hello_of_another_version_is_answered_unsupported_version_in_the_version_1_layout()
    {
        await using var scenario = new Scenario();
        await scenario.StartServerAsync();
        var attacker = StartAttacker(scenario, "old-client");
        var probe = CreateTestProbe(attacker);
        var keyAuthority = attacker.ActorSelection(scenario.ServerAddress + "/user/key-authority");

        // A whole version-1 Hello (120 bytes + id: no server address), and a version byte no release has used.
        var version1 = new byte[121];
        version1[0] = 1;
        version1[1] = 1;
        version1[2] = 1;
        version1[4] = (byte)'1';
        foreach (var frame in new[] { version1, [1, 9, 0, 0] })
        {
            keyAuthority.Tell(new JunkFrame(frame, "H"), probe.Ref);
            var answer = probe.ExpectMsg<IAk1Message>(Generous);
            // Tag 4, which a version-1 client reads: never a Rejected2 it could not.
            Assert.Equal(new Rejected(RejectReason.UnsupportedVersion), answer);
        }
    }

    [Fact]
    public async Task A_record_over_max_message_bytes_ends_the_session_it_claims()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var stopped = Subscribe<SessionStopped>(server);
        var attacker = StartAttacker(scenario, "oversize");
        using var client = new RawClient(CreateTestProbe(attacker), scenario.ServerAddress.ToString(), Credentials(scenario.Master, "1"));
        client.Connect(Generous);
        client.SendText("fits");
        client.ExpectText(Generous).ShouldBe("fits");

        // 70,000 bytes of ciphertext: above 64 KiB of plaintext plus the tag, below Akka's frame size.
        var oversized = new Sealed(SessionId.From(client.Channel!.SessionId.ToArray()), 0, 1, new byte[70_000]);
        client.Session.Tell(new JunkFrame(WireCodec.Encode(oversized), "S"), client.Probe.Ref);

        Assert.Contains("oversized", stopped.ExpectMsg<SessionStopped>(Generous).Reason);
        await AwaitSessionCountAsync(server, 0);
    }

    /// <summary>A Hello frame (see the layout in WireCodec.cs) whose id is <paramref name="id"/>, other fields zero.</summary>
    private static byte[] HelloFrame(byte[] id)
    {
        // The server address field holds one byte ("x"); everything else but the id is zero.
        var frame = new byte[122 + id.Length + 1];
        frame[0] = 1; // tag
        frame[1] = Ak1.Version;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(2), (ushort)id.Length);
        id.CopyTo(frame, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(4 + id.Length + 12), 1);
        frame[4 + id.Length + 14] = (byte)'x';
        return frame;
    }

    /// <summary>Messages of every kind the server's serializers know, none of which may do anything.</summary>
    private static void SendOddities(ActorSelection target, IActorRef sender, Random random, ReliabilityTally tally)
    {
        object[] oddities =
        [
            "a string", 42, 42L, new byte[] { 1, 2, 3 },
            new Identify(1), PoisonPill.Instance, Kill.Instance,
            new Finish(SessionId.From(RandomBytes(random, Ak1.SessionIdBytes)), Mac.From(RandomBytes(random, Ak1.ConfirmBytes))),
            new Sealed(SessionId.From(RandomBytes(random, Ak1.SessionIdBytes)), (uint)random.Next(), (ulong)random.NextInt64(), RandomBytes(random, 64)),
            new Challenge(SessionId.From(RandomBytes(random, 16)), Nonce.From(RandomBytes(random, 32)), PublicKey.From(RandomBytes(random, 32)), Mac.From(RandomBytes(random, 32))),
            new Rejected(RejectReason.Busy),
            new Rejected2(RejectReason.Revoked, Nonce.From(RandomBytes(random, 32)), RevocationProof.From(RandomBytes(random, 16))),
            new JunkFrame(RandomBytes(random, random.Next(0, 200)), "H"),
            new JunkFrame(RandomBytes(random, 120), "S"),
            new JunkFrame([1, 0xFF, 0xFF, 0xFF, 0xFF], "H"),
        ];
        foreach (var oddity in oddities)
        {
            target.Tell(oddity, sender);
            tally.Fault();
        }
        // Junk frames and Kills by the dozen: neither may cost the server a log line each.
        for (var i = 0; i < 20; i++)
        {
            target.Tell(new JunkFrame(RandomBytes(random, 1 + random.Next(100)), "H"), sender);
            target.Tell(Kill.Instance, sender);
            tally.Fault();
            tally.Fault();
        }
    }

    /// <summary>A Hello with random fields; half of them carry the server's real keyId so they reach the binder check.</summary>
    private static Hello RandomHello(Random random, byte[] realKeyId, bool withRealKeyId, string serverAddress) =>
        new(Ak1.Version, $"junk-{random.Next(1_000_000)}", (uint)random.Next(3), KeyId.From(withRealKeyId ? realKeyId : RandomBytes(random, 8)),
            serverAddress, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Nonce.From(RandomBytes(random, 32)), PublicKey.From(RandomBytes(random, 32)), Mac.From(RandomBytes(random, 32)));

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private ActorSystem StartAttacker(Scenario scenario, string name, string extraHocon = "")
    {
        var system = ActorSystem.Create(name, ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.actor.serializers.junk = "ActorKeys.Reliability.Tests.Support.JunkSerializer, ActorKeys.Reliability.Tests"
            akka.actor.serialization-bindings {
              "ActorKeys.Protocol.IAk1Message, ActorKeys.Protocol" = junk
              "ActorKeys.Reliability.Tests.Support.JunkFrame, ActorKeys.Reliability.Tests" = junk
            }
            {{Scenario.TestHocon}}
            {{extraHocon}}
            """));
        _attackers.Add(system);
        return system;
    }

    private readonly List<ActorSystem> _attackers = [];

    protected override void AfterAll()
    {
        foreach (var system in _attackers)
        {
            system.Terminate().Wait(Generous);
        }
        base.AfterAll();
    }

    private async Task AwaitCountAsync(IActorRef counter, int expected) =>
        await AwaitAssertAsync(async () =>
            Assert.Equal(expected, await counter.Ask<int>(MessageCounter.GetCount.Instance, Generous)),
            TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200));

    /// <summary>Frames in each <see cref="SendOddities"/> that claim to be a Hello and do not decode: answered protocol-violation.</summary>
    private const int MalformedHellosPerOddities = 22;

    /// <summary>
    /// Half the junk claims to come from another address each time (the envelope's sender is written by the sender):
    /// loopback addresses where nothing listens, so that answers to them fail at once and stay on this machine.
    /// </summary>
    private static IActorRef Sender(ActorSystem attacker, IActorRef counter, int i) => i % 2 == 0
        ? counter
        : ((ExtendedActorSystem)attacker).Provider.ResolveActorRef($"akka.tcp://spoofed@127.0.0.{2 + i % 250}:{20000 + i % 1000}/user/junk");

    private static long SettledHeapBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
