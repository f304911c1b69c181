using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Inbound;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// A stranger with a stock Akka.NET system and nothing but the address sends every message kind a peer can put on
/// the wire (Kill, PoisonPill, Identify, Status.Failure with a bait exception, every system message, JSON, plain
/// values) to every path it can name, by selection and by reference, on the server and on a client. Afterwards:
/// both systems run, no core actor was restarted, an established session still gets its echo, a captured Hello is
/// still a replay, a new client still connects, and no bait was constructed.
/// </summary>
public sealed class HostileMatrixTests : ScenarioTest
{
    private static readonly string[] ServerPaths = ["/user/key-authority", "/user/sessions", "/user/application"];

    [Fact]
    public async Task Nothing_a_stranger_sends_to_any_server_path_stops_freezes_or_resets_the_server()
    {
        await using var scenario = new Scenario();
        scenario.Issue("victim", "late", "captured");
        var server = await scenario.StartServerAsync();
        var victim = await ConnectWatchedAsync(scenario, server, "victim");
        var peer = scenario.StartPeerSystem("stranger");
        var attacker = CreateTestProbe(peer);
        var captured = CapturedHello(scenario, "captured");
        peer.ActorSelection(scenario.ServerAddress + "/user/key-authority").Tell(captured, attacker.Ref);
        await attacker.ExpectMsgAsync<Challenge>(Generous);
        var refusedBefore = InboundRefusals.For(server.System).Count;
        var baitsBefore = (BaitException.Deserialized, HostileMatrix.JsonBaitMessage.Constructed);

        var attacks = 0;
        foreach (var path in HostileMatrix.SystemPaths.Concat(ServerPaths).Append(victim.ServerSession.Path.ToStringWithoutAddress()))
        {
            HostileMatrix.Attack(peer, scenario.ServerAddress, path, attacker.Ref);
            attacks++;
        }
        // The session manager watches client actors: a DeathWatchNotification naming the victim's client actor under a
        // uid guessed wrong, sent to /user/sessions, is the death of nothing it watches.
        var clientAddress = ((ExtendedActorSystem)victim.ClientSystem.System).Provider.DefaultAddress;
        var forgedClient = ((ExtendedActorSystem)peer).Provider.ResolveActorRef(
            (new RootActorPath(clientAddress) / victim.Client.Path.Elements).WithUid(victim.Client.Path.Uid + 1));
        var sessionsRef = (IInternalActorRef)((ExtendedActorSystem)peer).Provider.ResolveActorRef(scenario.ServerAddress + "/user/sessions");
        sessionsRef.SendSystemMessage(new Akka.Dispatch.SysMsg.DeathWatchNotification(forgedClient, existenceConfirmed: true, addressTerminated: false));
        sessionsRef.SendSystemMessage(new Akka.Dispatch.SysMsg.DeathWatchNotification(forgedClient, existenceConfirmed: true, addressTerminated: true));
        await HostileMatrix.BarrierAsync(peer, scenario, attacker);

        Assert.True(InboundRefusals.For(server.System).Count > refusedBefore, "the allow-list refused nothing");

        // The server's own local messages, on which a session or the manager acts when the other sends them: a stranger
        // can send them too (a stock peer writes them as JSON), and can name the manager as their sender (a sender path of
        // the server's own address resolves to the server's actor). The victim is in key generation 0, so a
        // GenerationExpired(0) or HandshakeTimedOut that got through would end it; an EndSession would close it.
        var victimSession = ((ExtendedActorSystem)peer).Provider.ResolveActorRef(
            scenario.ServerAddress + victim.ServerSession.Path.ToStringWithoutAddress());
        object[] localMessages =
        [
            HandshakeTimedOut.Instance, new GenerationExpired(0), new PreviousGenerationExpired(0), new GenerationStarted(0),
            HandshakeCompleted.Instance, ClientGone.Instance, EndSession.Revoked, new SessionActorStopped(victimSession),
        ];
        var refusedBeforeLocal = InboundRefusals.For(server.System).Count;
        foreach (var target in new IActorRef[] { victimSession, sessionsRef })
        {
            foreach (var message in localMessages)
            {
                target.Tell(message, attacker.Ref);
                target.Tell(message, sessionsRef);
            }
        }
        await HostileMatrix.BarrierAsync(peer, scenario, attacker);
        // Every one of them reached the server and was refused there, none delivered.
        Assert.Equal(refusedBeforeLocal + localMessages.Length * 2 * 2, InboundRefusals.For(server.System).Count);
        AssertCoreIntact(server);
        Assert.Equal((baitsBefore.Deserialized, baitsBefore.Constructed + attacks), (BaitException.Deserialized, HostileMatrix.JsonBaitMessage.Constructed));
        victim.Watcher.ExpectNoMsg(TimeSpan.Zero);
        victim.Client.Tell(new Send("still here"), ActorRefs.NoSender);
        victim.Events.FishForMessage<MessageReceived>(_ => true, Generous).Text.ShouldBe("still here");
        // The replay cache is the one from before the attack (a Recreate would have emptied it).
        peer.ActorSelection(scenario.ServerAddress + "/user/key-authority").Tell(captured, attacker.Ref);
        (await attacker.FishForMessageAsync<Rejected2>(_ => true, Generous)).Reason.ShouldBe(RejectReason.StaleOrReplayed);
        // And the key authority still answers (a Suspend would have frozen it).
        var late = await ConnectWatchedAsync(scenario, server, "late");
        late.Events.ExpectNoMsg(TimeSpan.Zero);
        AssertCoreIntact(server);
        // Long after the forged deaths of the victim's client actor, its session is still up.
        victim.Watcher.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Every_serializer_a_peer_can_name_on_a_running_server_or_client_is_one_of_ActorKeys_own()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        var client = await scenario.StartClientAsync();

        foreach (var system in new[] { server.System, client.System })
        {
            // What Deserialize looks identifiers up in, whatever registered them (configuration, plugins, setup).
            var byId = (System.Collections.IDictionary)typeof(Akka.Serialization.Serialization)
                .GetField("_serializersById", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
                .GetValue(system.Serialization)!;
            Assert.NotEmpty(byId);
            foreach (System.Collections.DictionaryEntry entry in byId)
            {
                Assert.True(Inbound.InboundAllowList.SerializerTypes.Contains(entry.Value!.GetType()),
                    $"serializer {entry.Key} of {system.Name} is {entry.Value.GetType().FullName}");
            }
        }
    }

    /// <summary>A serializer that names any .NET type, registered under a name of its own, as a plugin or a careless file might.</summary>
    private const string SneakySerializer = """
        akka.actor.serializers.sneaky = "Akka.Serialization.NewtonSoftJsonSerializer, Akka"
        akka.actor.serialization-identifiers { "Akka.Serialization.NewtonSoftJsonSerializer, Akka" = 4242 }
        """;

    [Theory]
    [InlineData("server")]
    [InlineData("client")]
    public async Task A_system_whose_configuration_adds_a_serializer_of_its_own_refuses_to_start(string role)
    {
        await using var scenario = new Scenario(SneakySerializer);
        Func<Task> start = role == "server"
            ? () => scenario.StartServerAsync()
            : () => ActorKeysHost.StartClientAsync(new ActorKeysClientOptions { ConfigOverrides = SneakySerializer + "\n" + Scenario.TestHocon });

        var refused = await Assert.ThrowsAnyAsync<Exception>(start);

        Assert.Contains("akka.actor.serializers.sneaky", Flatten(refused));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    [Fact]
    public async Task The_root_guardian_learned_through_Identify_is_out_of_reach()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        var peer = scenario.StartPeerSystem("stranger");
        var attacker = CreateTestProbe(peer);

        // Identify to the bare address is how a stranger would learn the root guardian: it is not answered.
        peer.ActorSelection(scenario.ServerAddress.ToString()).Tell(new Identify("root"), attacker.Ref);
        var root = ((ExtendedActorSystem)peer).Provider.ResolveActorRef(scenario.ServerAddress + "/");
        root.Tell(new Identify("root"), attacker.Ref);
        root.Tell(Kill.Instance, attacker.Ref);
        await HostileMatrix.BarrierAsync(peer, scenario, attacker);

        attacker.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        AssertCoreIntact(server);
    }

    [Fact]
    public async Task Nothing_a_stranger_sends_to_a_client_system_ends_its_session()
    {
        await using var scenario = new Scenario();
        scenario.Issue("victim");
        var server = await scenario.StartServerAsync();
        var victim = await ConnectWatchedAsync(scenario, server, "victim");
        var peer = scenario.StartPeerSystem("stranger");
        var attacker = CreateTestProbe(peer);
        var clientAddress = victim.ClientSystem.Address;
        var baitsBefore = BaitException.Deserialized;

        foreach (var path in HostileMatrix.SystemPaths.Append(victim.Client.Path.ToStringWithoutAddress()))
        {
            HostileMatrix.Attack(peer, clientAddress, path, attacker.Ref);
        }
        // The forgeries a stranger can make for the client actor itself: rejections of both layouts (a revoked one with a
        // made-up proof), a Challenge that does not verify, and records of every generation under a made-up session.
        var clientRef = ((ExtendedActorSystem)peer).Provider.ResolveActorRef(clientAddress + victim.Client.Path.ToStringWithoutAddress());
        clientRef.Tell(new Rejected(RejectReason.UnsupportedVersion), attacker.Ref);
        clientRef.Tell(new Rejected2(RejectReason.AuthenticationFailed, default, RevocationProof.None), attacker.Ref);
        clientRef.Tell(new Rejected2(RejectReason.Revoked, default, RevocationProof.From(new byte[Ak1.RevocationProofBytes])), attacker.Ref);
        clientRef.Tell(new Sealed(SessionId.From(new byte[Ak1.SessionIdBytes]), 1, 0, new byte[40]), attacker.Ref);
        clientRef.Tell(new Challenge(SessionId.From(new byte[Ak1.SessionIdBytes]), Nonce.From(new byte[Ak1.NonceBytes]), PublicKey.From(new byte[Ak1.PublicKeyBytes]), Mac.From(new byte[Ak1.ConfirmBytes])), attacker.Ref);
        var refused = InboundRefusals.For(victim.ClientSystem.System);
        var before = refused.Count;
        clientRef.Tell(Kill.Instance, attacker.Ref); // the last message: counted once everything before it was dispatched
        await AwaitConditionAsync(() => Task.FromResult(refused.Count > before), Generous);

        Assert.False(victim.ClientSystem.System.WhenTerminated.IsCompleted);
        Assert.Equal(baitsBefore, BaitException.Deserialized);
        victim.Client.Tell(new Send("still here"), ActorRefs.NoSender);
        victim.Events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("still here");
        victim.Watcher.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public async Task One_keystore_handshaking_in_a_loop_holds_at_most_max_sessions_per_client()
    {
        await using var scenario = new Scenario("""
            actorkeys.server.max-sessions-per-client = 3
            actorkeys.server.handshake-limit.burst = 100
            """);
        scenario.Issue("greedy", "other");
        var server = await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        var held = new List<IActorRef>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(clientSystem.Client.Connect("greedy", events.Ref));
            events.ExpectMsg<SessionKeyVerified>(Generous);
        }

        clientSystem.Client.Connect("greedy", events.Ref);

        events.ExpectMsg<ConnectionRejected>(Generous).Reason.ShouldBe(RejectReason.Busy);
        await AwaitSessionCountAsync(server, 3);
        clientSystem.Client.Connect("other", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        // A session given back makes room again.
        held[0].Tell(Disconnect.Instance, ActorRefs.NoSender);
        events.ExpectMsg<SessionEnded>(Generous);
        await AwaitSessionCountAsync(server, 3);
        clientSystem.Client.Connect("greedy", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
    }

    private static Hello CapturedHello(Scenario scenario, string id)
    {
        using var credentials = Credentials(scenario.Master, id);
        using var handshake = new ClientHandshake(credentials, scenario.ServerAddress.ToString());
        return handshake.Start((ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), SystemRandomSource.Instance);
    }
}
