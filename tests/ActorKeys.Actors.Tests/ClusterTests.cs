using System.Diagnostics;
using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Registry;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// Three server nodes of one cluster in this process (real remoting and a real cluster on loopback): any node serves any
/// client, a revocation made on one node ends a session held by another within 2 s, a node stopped and started again
/// still has it, and a Hello captured on one node is refused by another.
/// </summary>
public sealed class ClusterTests : ScenarioTest
{
    [Fact]
    public async Task A_revocation_made_on_node_1_ends_a_session_held_by_node_3_and_survives_node_3s_restart()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1", "2");
        await using var nodes = new ClusterNodes(scenario);
        // Each node's registry is a copy of the one init made, as the README's deployment steps do.
        foreach (var n in new[] { 1, 2, 3 })
        {
            nodes.CreateRegistry(n, "1", "2");
        }
        var node1 = await nodes.StartAsync(1);
        var node2 = await nodes.StartAsync(2, node1.Core!.Address);
        var node3 = await nodes.StartAsync(3, node1.Core.Address);
        await AwaitAssertAsync(() => Assert.Equal(3, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));

        // Clients spread over the nodes: each node serves any client from the one master key.
        var onNode3 = await nodes.ClientOfAsync(node3);
        var revokedEvents = CreateTestProbe();
        onNode3.Client.Connect("1", revokedEvents.Ref);
        revokedEvents.ExpectMsg<SessionKeyVerified>(Generous);
        var onNode2 = await nodes.ClientOfAsync(node2);
        var otherEvents = CreateTestProbe();
        var other = onNode2.Client.Connect("2", otherEvents.Ref);
        otherEvents.ExpectMsg<SessionKeyVerified>(Generous);

        // The operator revokes on node 1's host; node 3 holds the session.
        using (var registry = RegistryStore.Open(nodes.RegistryOf(1)))
        {
            registry.Revoke("1");
        }
        var sinceRevoke = Stopwatch.StartNew();
        revokedEvents.ExpectMsg<AccessRevoked>(Generous);
        Assert.True(sinceRevoke.Elapsed < TimeSpan.FromSeconds(2), $"node 3 ended the session after {sinceRevoke.Elapsed.TotalSeconds:0.00} s");
        other.Tell(new Send("unaffected"), ActorRefs.NoSender);
        otherEvents.ExpectMsg<MessageReceived>(Generous).Text.ShouldBe("unaffected");
        // Node 3's own registry now says so too, so 'clients list' beside it tells what it enforces.
        await AwaitAssertAsync(() =>
        {
            using var registry3 = RegistryStore.Open(nodes.RegistryOf(3));
            Assert.True(registry3.ReadSnapshot().Client("1")!.Revoked);
            Assert.Contains(registry3.Audit("1"), entry => entry.Action == "cluster-revoke");
        }, Generous, TimeSpan.FromMilliseconds(200));

        // Node 3 stops and starts again: it rejoins and still refuses.
        await nodes.StopAsync(node3);
        await AwaitAssertAsync(() => Assert.Equal(2, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));
        node3 = await nodes.StartAsync(3, node1.Core.Address);
        await AwaitAssertAsync(() => Assert.Equal(3, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));
        var again = await nodes.ClientOfAsync(node3);
        await AwaitAssertAsync(() =>
        {
            var events = CreateTestProbe();
            again.Client.Connect("1", events.Ref);
            events.ExpectMsg<AccessRevoked>(TimeSpan.FromSeconds(5));
        }, Generous, TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_node_alone_after_a_restart_still_has_the_revocations_it_learned_from_the_cluster()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        await using var nodes = new ClusterNodes(scenario);
        nodes.CreateRegistry(1, "1");
        var node1 = await nodes.StartAsync(1);
        var node2 = await nodes.StartAsync(2, node1.Core!.Address);
        await AwaitAssertAsync(() => Assert.Equal(2, ClusterNodes.UpMembers(node2)), Generous, TimeSpan.FromMilliseconds(200));
        using (var registry = RegistryStore.Open(nodes.RegistryOf(1)))
        {
            registry.Revoke("1");
        }
        var client = await nodes.ClientOfAsync(node2);
        await AwaitAssertAsync(() =>
        {
            var events = CreateTestProbe();
            client.Client.Connect("1", events.Ref);
            events.ExpectMsg<AccessRevoked>(TimeSpan.FromSeconds(5));
        }, Generous, TimeSpan.FromMilliseconds(500));

        // Every node stops; node 2 comes back alone, a cluster of one: only its durable store can remember.
        await nodes.StopAsync(node1);
        await nodes.StopAsync(node2);
        node2 = await nodes.StartAsync(2);
        await AwaitAssertAsync(() => Assert.Equal(1, ClusterNodes.UpMembers(node2)), Generous, TimeSpan.FromMilliseconds(200));
        var later = await nodes.ClientOfAsync(node2);
        await AwaitAssertAsync(() =>
        {
            var events = CreateTestProbe();
            later.Client.Connect("1", events.Ref);
            events.ExpectMsg<AccessRevoked>(TimeSpan.FromSeconds(5));
        }, Generous, TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_node_downed_out_of_its_cluster_closes_its_sessions_with_reason_3_and_serves_again_once_it_rejoined()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        await using var nodes = new ClusterNodes(scenario);
        var node1 = await nodes.StartAsync(1);
        await nodes.StartAsync(2, node1.Core!.Address);
        var node3 = await nodes.StartAsync(3, node1.Core.Address);
        await AwaitAssertAsync(() => Assert.Equal(3, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));
        var clientSystem = await nodes.ClientOfAsync(node3);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        Akka.Cluster.Cluster.Get(node1.Core.System).Down(node3.Core!.Address);

        // Close reason 3: the client is told the server left, and handshakes again; node 3 answers busy until its new core
        // has joined, then serves.
        events.ExpectMsg<ConnectionLost>(Generous).Reason.ShouldBe("the server is shutting down");
        events.FishForMessage<IClientEvent>(e => e is Reconnected, TimeSpan.FromSeconds(60));
        client.Tell(new Send("back"), ActorRefs.NoSender);
        events.FishForMessage<MessageReceived>(m => m.Text == "back", Generous);
        await AwaitAssertAsync(() => Assert.Equal(3, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Nothing_a_stranger_sends_to_a_nodes_edge_reaches_its_cluster_side_or_stops_it_serving()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1", "2");
        await using var nodes = new ClusterNodes(scenario);
        var node1 = await nodes.StartAsync(1);
        await nodes.StartAsync(2, node1.Core!.Address);
        await AwaitAssertAsync(() => Assert.Equal(2, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));
        var clientSystem = await nodes.ClientOfAsync(node1);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        var peer = scenario.StartPeerSystem("stranger");
        var attacker = CreateTestProbe(peer);
        string[] edgePaths = ["/user/key-authority", "/user/sessions", "/user/application", "/user/core-link", "/user/registry-watcher"];

        foreach (var path in HostileMatrix.SystemPaths.Concat(edgePaths))
        {
            HostileMatrix.Attack(peer, node1.Address, path, attacker.Ref);
            // The node's local messages, as a stranger would try them: by name, in the only serializer it can pick (JSON).
            foreach (var local in new object[]
            {
                new Core.NodeMembership(false), new Core.EndAllSessions(Protocol.Channel.CloseReason.ServerShutdown),
                new Server.LifecycleChanged(new Server.LifecycleView(new Dictionary<string, uint> { ["1"] = 9 },
                    new Dictionary<string, MasterKeyState>())),
            })
            {
                peer.ActorSelection(node1.Address + path).Tell(local, attacker.Ref);
                ((ExtendedActorSystem)peer).Provider.ResolveActorRef(node1.Address + path).Tell(local, attacker.Ref);
            }
        }
        // Barrier: a Hello under an unknown keyId, sent last on the same association, is answered after all of the above.
        peer.ActorSelection(node1.Address + "/user/key-authority").Tell(new Hello(Ak1.Version, "barrier", 0,
            Protocol.Values.KeyId.From(new byte[Ak1.KeyIdBytes]), node1.Address.ToString(), 0, default, default, default), attacker.Ref);
        (await attacker.FishForMessageAsync<Rejected2>(_ => true, Generous)).Reason.ShouldBe(RejectReason.WrongServer);

        client.Tell(new Send("still here"), ActorRefs.NoSender);
        events.FishForMessage<MessageReceived>(_ => true, Generous).Text.ShouldBe("still here");
        var late = CreateTestProbe();
        clientSystem.Client.Connect("2", late.Ref);
        late.ExpectMsg<SessionKeyVerified>(Generous); // still serving: no forged NodeMembership(false) got in
        Assert.Equal(2, ClusterNodes.UpMembers(node1));
    }

    [Fact]
    public async Task A_system_with_another_CAs_certificate_can_neither_join_nor_down_a_node()
    {
        await using var scenario = new Scenario();
        await using var nodes = new ClusterNodes(scenario);
        var node1 = await nodes.StartAsync(1);
        var node2 = await nodes.StartAsync(2, node1.Core!.Address);
        await AwaitAssertAsync(() => Assert.Equal(2, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));
        var memberEvents = CreateTestProbe(node1.Core.System);
        Akka.Cluster.Cluster.Get(node1.Core.System).Subscribe(memberEvents.Ref, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(Akka.Cluster.ClusterEvent.IMemberEvent));
        memberEvents.ReceiveN(2, Generous); // the two members up

        // A cluster system named like the core, with TLS and a node certificate of another CA, that accepts any peer.
        using var strangers = new Cluster.ClusterFiles(nodes: 1, caName: "Rogue CA");
        using var rogueCertificate = strangers.NodeWithKey(1);
        var rogue = StartRogueCore(rogueCertificate, "akka.actor.provider = cluster");
        try
        {
            var rogueCluster = Akka.Cluster.Cluster.Get(rogue);
            rogueCluster.Join(node1.Core.Address);
            rogueCluster.Down(node2.Core!.Address);
            rogueCluster.Down(node1.Core.Address);

            // Nothing changes in the real cluster: no member joins, leaves or is downed.
            memberEvents.ExpectNoMsg(TimeSpan.FromSeconds(5));
            Assert.Equal(2, ClusterNodes.UpMembers(node1));
            Assert.Equal(2, ClusterNodes.UpMembers(node2));
        }
        finally
        {
            await rogue.Terminate();
        }
    }

    [Fact]
    public async Task A_node_whose_core_dials_a_peer_of_another_CA_closes_its_sessions_with_reason_3_and_serves_again_with_a_new_core()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        await using var nodes = new ClusterNodes(scenario);
        var node1 = await nodes.StartAsync(1);
        var node2 = await nodes.StartAsync(2, node1.Core!.Address);
        await AwaitAssertAsync(() => Assert.Equal(2, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));
        var clientSystem = await nodes.ClientOfAsync(node2);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        var firstCore = node2.Core!.System;

        // What a seed-node entry pointing at the wrong machine, or a man in the middle, looks like to the core: a peer
        // whose certificate another CA signed. Akka.Remote stops a system whose outbound TLS handshake fails.
        using var strangers = new Cluster.ClusterFiles(nodes: 1, caName: "Rogue CA");
        using var rogueCertificate = strangers.NodeWithKey(1);
        var rogue = StartRogueCore(rogueCertificate, "akka.actor.provider = remote");
        try
        {
            firstCore.ActorSelection(((ExtendedActorSystem)rogue).Provider.DefaultAddress + "/user/anyone").Tell("are you one of us?");

            await firstCore.WhenTerminated.WaitAsync(Generous);
            // The node serves nothing it cannot keep in step with the cluster: as a downed node, it closes its sessions
            // with reason 3 and answers busy until a new core is up; the client then handshakes again.
            events.ExpectMsg<ConnectionLost>(Generous).Reason.ShouldBe("the server is shutting down");
            events.FishForMessage<IClientEvent>(e => e is Reconnected, TimeSpan.FromSeconds(60));
            client.Tell(new Send("back"), ActorRefs.NoSender);
            events.FishForMessage<MessageReceived>(m => m.Text == "back", Generous);
            Assert.NotSame(firstCore, node2.Core.System);
            await AwaitAssertAsync(() => Assert.Equal(2, ClusterNodes.UpMembers(node1)), Generous, TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            await rogue.Terminate();
        }
    }

    [Fact]
    public async Task A_hello_captured_on_one_node_and_replayed_to_another_gets_wrong_server()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        await using var nodes = new ClusterNodes(scenario);
        var node1 = await nodes.StartAsync(1);
        var node2 = await nodes.StartAsync(2, node1.Core!.Address);
        var peer = scenario.StartPeerSystem("replayer");
        var probe = CreateTestProbe(peer);
        using var credentials = KeyStore.KeystoreFile.Load(Path.Combine(scenario.KeystoreFolder, KeyStore.KeystoreFile.FileName("1")), "1");
        using var handshake = new ClientHandshake(credentials, node1.Address.ToString());
        var captured = handshake.Start((ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), SystemRandomSource.Instance);

        peer.ActorSelection(node2.Address + "/user/key-authority").Tell(captured, probe.Ref);

        var answer = probe.ExpectMsg<Rejected2>(Generous);
        Assert.Equal(RejectReason.WrongServer, answer.Reason);
        Assert.Equal(captured.ClientNonce, answer.ClientNonce);
    }

    /// <summary>
    /// A system named like a core, with TLS and <paramref name="certificate"/> (another CA's), that accepts every peer:
    /// any refusal seen is the real core's.
    /// </summary>
    private static ActorSystem StartRogueCore(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, string provider)
    {
        var config = global::ActorKeys.Actors.Cluster.CoreTransport.BuildConfig(hocon: provider + """

            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0, ssl.suppress-validation = true }
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """);
        return ActorSystem.Create("actorkeys-core", Akka.Actor.BootstrapSetup.Create().WithConfig(config)
            .And(new Akka.Remote.Transport.DotNetty.DotNettySslSetup(certificate, suppressValidation: true, requireMutualAuthentication: true)));
    }
}
