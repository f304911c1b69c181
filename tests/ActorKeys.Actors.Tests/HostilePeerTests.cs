using Akka.Actor;
using Akka.Dispatch.SysMsg;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Inbound;
using ActorKeys.Actors.Serialization;
using ActorKeys.Actors.Server;
using ActorKeys.Testing;
using ActorKeys.Protocol;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// A remote peer that is no client sends records and a Finish to someone else's session, and objects in JSON to
/// both sides: sessions are not ended and nothing from JSON is constructed. (Every other kind of message, to every
/// path, is in <see cref="HostileMatrixTests"/>.)
/// </summary>
public sealed class HostilePeerTests : ScenarioTest
{
    [Fact]
    public async Task Records_and_Finish_from_a_stranger_do_not_end_another_clients_session()
    {
        await using var scenario = new Scenario();
        scenario.Issue("2");
        var server = await scenario.StartServerAsync();
        var established = Subscribe<SessionEstablished>(server);
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        var victim = clientSystem.Client.Connect("2", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        var victimSession = established.ExpectMsg<SessionEstablished>(Generous).Session;
        var peer = scenario.StartPeerSystem("stranger");
        var stranger = CreateTestProbe(peer);
        var target = ((ExtendedActorSystem)peer).Provider.ResolveActorRef(scenario.ServerAddress + victimSession.Path.ToStringWithoutAddress());

        target.Tell(new Sealed(SessionId.From(new byte[Ak1.SessionIdBytes]), 0, 7, new byte[40]), stranger.Ref);
        target.Tell(new Finish(SessionId.From(new byte[Ak1.SessionIdBytes]), Mac.From(new byte[Ak1.ConfirmBytes])), stranger.Ref);
        // A frame that claims to be a record and does not decode: it must not end someone else's session either.
        target.Tell(new Sealed(SessionId.From(new byte[Ak1.SessionIdBytes]), 0, 8, new byte[70_000]), stranger.Ref);
        await HostileMatrix.BarrierAsync(peer, scenario, stranger);

        victim.Tell(new Send("unharmed"), ActorRefs.NoSender);
        events.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("unharmed");
        await AwaitSessionCountAsync(server, 1);
    }

    [Fact]
    public async Task Failed_hellos_under_made_up_sender_addresses_make_the_server_dial_nobody()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        var dialled = Subscribe<Akka.Remote.AssociationErrorEvent>(server);
        var peer = scenario.StartPeerSystem("spoofer");
        var probe = CreateTestProbe(peer);
        var keyAuthority = peer.ActorSelection(scenario.ServerAddress + "/user/key-authority");
        var junk = new Hello(Ak1.Version, "someone", 0, default, scenario.ServerAddress.ToString(), 0, default, default, default);

        for (var i = 0; i < 50; i++)
        {
            // Loopback addresses where nothing listens: were the server to answer, it would dial them and fail.
            var madeUp = ((ExtendedActorSystem)peer).Provider.ResolveActorRef($"akka.tcp://spoofed@127.0.0.{2 + i}:{21000 + i}/user/x");
            keyAuthority.Tell(junk, madeUp);
        }
        await HostileMatrix.BarrierAsync(peer, scenario, probe); // its own address is proven: answered wrong-server

        // The made-up addresses got nothing: no association was even attempted, within the grace for late events.
        dialled.ExpectNoMsg(KeyAuthority.AssociationGrace * 4);
        AssertCoreIntact(server);
    }

    [Fact]
    public async Task The_server_constructs_nothing_from_JSON()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        var refused = Subscribe<WireMessageRefused>(server);
        var peer = scenario.StartPeerSystem("attacker");
        var attacker = CreateTestProbe(peer);
        var constructedBefore = JsonBait.Constructed;
        var bait = new JsonBait("boom");

        peer.ActorSelection(scenario.ServerAddress + "/user/key-authority").Tell(bait, attacker.Ref);

        refused.ExpectMsg<WireMessageRefused>(Generous).SerializerId.ShouldBe(RefusingSerializer.JsonSerializerId);
        Assert.Equal(constructedBefore + 1, JsonBait.Constructed);
    }

    [Fact]
    public async Task A_client_constructs_nothing_from_JSON_sent_by_a_hostile_server()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        // The hostile "server" is a plain system with its own /user/key-authority that answers a Hello in JSON.
        var fake = scenario.StartPeerSystem("fake-server");
        fake.ActorOf(Props.Create(() => new AnswersInJson()), "key-authority");
        var fakeAddress = ((ExtendedActorSystem)fake).Provider.DefaultAddress;
        await using var clientSystem = await ActorKeysHost.StartClientAsync(new ActorKeysClientOptions
        {
            ConfigFile = Scenario.RepositoryFile("hocon/client.hocon"),
            ConfigOverrides = $"actorkeys.client.server-address = \"{fakeAddress}\"\nactorkeys.client.handshake-timeout = 3s\n{Scenario.TestHocon}",
            Overrides = new() { KeystoreFolder = scenario.KeystoreFolder },
        });
        var refused = CreateTestProbe(clientSystem.System);
        clientSystem.System.EventStream.Subscribe(refused.Ref, typeof(WireMessageRefused));
        var events = CreateTestProbe();
        var constructedBefore = JsonBait.Constructed;

        clientSystem.Client.Connect("1", events.Ref);

        refused.ExpectMsg<WireMessageRefused>(Generous).SerializerId.ShouldBe(RefusingSerializer.JsonSerializerId);
        events.ExpectMsg<ServerUnreachable>(Generous);
        Assert.Equal(constructedBefore + 1, JsonBait.Constructed);
    }

    [Fact]
    public async Task A_hello_sent_as_JSON_is_refused()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        var refused = Subscribe<WireMessageRefused>(server);
        var peer = Akka.Actor.ActorSystem.Create("json-peer", Akka.Configuration.ConfigurationFactory.ParseString(
            "akka.actor.provider = remote\n" + Scenario.TestHocon));
        try
        {
            var attacker = CreateTestProbe(peer);
            var hello = new Hello(Ak1.Version, "1", 0, KeyId.From(scenario.Master.KeyId), scenario.ServerAddress.ToString(), 0, Nonce.From(new byte[32]), PublicKey.From(new byte[32]), Mac.From(new byte[32]));

            peer.ActorSelection(scenario.ServerAddress + "/user/key-authority").Tell(hello, attacker.Ref);

            refused.ExpectMsg<WireMessageRefused>(Generous).SerializerId.ShouldBe(RefusingSerializer.JsonSerializerId);
            attacker.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        }
        finally
        {
            await peer.Terminate();
        }
    }

    /// <summary>A type whose construction is counted: a deserializer that built one would show up here.</summary>
    public sealed class JsonBait
    {
        private static int _constructed;

        public JsonBait(string payload)
        {
            Payload = payload;
            Interlocked.Increment(ref _constructed);
        }

        public static int Constructed => Volatile.Read(ref _constructed);

        public string Payload { get; }
    }

    private sealed class AnswersInJson : ReceiveActor
    {
        public AnswersInJson() => Receive<Hello>(_ => Sender.Tell(new JsonBait("boom")));
    }
}
