using System.Runtime.Versioning;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Inbound;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.Actors.Telemetry;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Keys;
using Akka.Actor;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// Minting is local only: a remote peer that sends <see cref="MintCredentials"/> to a key authority that has a minter
/// gets nothing back, and nothing is recorded in the registry.
/// </summary>
[Collection(ScenarioTest.Collection)]
[UnsupportedOSPlatform("windows")]
public sealed class RemoteMintingTests : ScenarioTest
{
    [Theory]
    [InlineData("")]
    // The attacker binds the message to ActorKeys' own serializer, the one the server does listen to.
    [InlineData("""akka.actor.serialization-bindings { "ActorKeys.Actors.Server.MintCredentials, ActorKeys.Actors" = ak1 }""")]
    public async Task A_remote_MintCredentials_gets_nothing_and_records_nothing(string attackerHocon)
    {
        await using var scenario = new Scenario();
        using var master = MasterSecret.Generate();
        var dbPath = Path.Combine(scenario.Folder, "actorkeys.db");
        using var registry = RegistryStore.Create(dbPath, master.KeyIdHex);
        registry.Issue("1", IssueKind.FirstIssue, master.KeyIdHex);
        var auditBefore = registry.Audit().Count;

        var config = ActorKeysConfig.Build(SystemRole.Server, null, new ConfigOverrides { Port = 0 }, Scenario.TestHocon);
        var server = ActorSystem.Create("actorkeys-server", config);
        try
        {
            InboundAllowList.VerifyRunning(server);
            using var metrics = new ServerMetrics();
            var serverAddress = ((ExtendedActorSystem)server).Provider.DefaultAddress;
            var state = new KeyAuthorityState(new MasterKeyRing(new MasterSecret(master.ExportSecret())), serverAddress.ToString(),
                ServerSettings.From(config), TimeProvider.System);
            var authority = server.ActorOf(KeyAuthority.Props(state, ActorRefs.Nobody, metrics, new CredentialMinter(registry, [master])), KeyAuthority.Name);
            var refused = CreateTestProbe(server);
            server.EventStream.Subscribe(refused.Ref, typeof(WireMessageRefused));

            var peer = ActorSystem.Create("attacker", Akka.Configuration.ConfigurationFactory.ParseString(attackerHocon).WithFallback(
                Akka.Configuration.ConfigurationFactory.ParseString($$"""
                    akka.actor.provider = remote
                    akka.actor.serializers.ak1 = "ActorKeys.Actors.Serialization.Ak1Serializer, ActorKeys.Actors"
                    akka.actor.serialization-bindings { "ActorKeys.Protocol.IAk1Message, ActorKeys.Protocol" = ak1 }
                    {{Scenario.TestHocon}}
                    """)));
            try
            {
                var attacker = CreateTestProbe(peer);
                var selection = peer.ActorSelection(serverAddress + "/user/key-authority");

                selection.Tell(new MintCredentials("1", MintKind.Rotate), attacker.Ref);
                selection.Tell(new MintCredentials("evil", MintKind.FirstIssue), attacker.Ref);
                // Barrier: a junk Hello sent after them is answered, so they were delivered (or dropped) before.
                selection.Tell(new Hello(Ak1.Version, "barrier", 0, KeyId.From(new byte[Ak1.KeyIdBytes]), serverAddress.ToString(), 0, Nonce.From(new byte[Ak1.NonceBytes]),
                    PublicKey.From(new byte[Ak1.PublicKeyBytes]), Mac.From(new byte[Ak1.BinderBytes])), attacker.Ref);
                var answer = await attacker.ExpectMsgAsync<Rejected2>(Generous);

                Assert.Equal(RejectReason.WrongServer, answer.Reason);
                attacker.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
                Assert.Equal(auditBefore, registry.Audit().Count);
                Assert.Equal(0u, registry.ReadSnapshot().Client("1")!.CurrentEpoch);
                Assert.Null(registry.ReadSnapshot().Client("evil"));
                if (attackerHocon.Length == 0)
                {
                    refused.ExpectMsg<WireMessageRefused>(Generous).SerializerId.ShouldBe(RefusingSerializer.JsonSerializerId);
                }

                // The same message sent locally is answered: the minter was there to be reached.
                var local = await authority.Ask<object>(new MintCredentials("1", MintKind.Rotate), Generous);
                using var minted = Assert.IsType<MintedCredentials>(local).Credentials;
                Assert.Equal(1u, minted.Epoch);
                Assert.Equal(auditBefore + 1, registry.Audit().Count);
            }
            finally
            {
                await peer.Terminate();
            }
        }
        finally
        {
            await server.Terminate();
        }
    }
}
