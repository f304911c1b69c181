using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>
/// A Hello is bound to the node it was sent to, and its keyId picks one of the node's accepted master keys
/// (PROTOCOL.md, version 2, items 2, 3 and 8). Both are refused as wrong-server before any key work.
/// </summary>
public sealed class ServerBindingTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static void AssertRejected(RejectReason reason, HelloVerdict verdict)
    {
        Assert.False(verdict.Accepted);
        Assert.Equal(reason, verdict.Reason);
    }

    [Theory]
    [InlineData("akka.tcp://actorkeys-server@127.0.0.1:4054")]
    [InlineData("akka.tcp://actorkeys-server@localhost:4053")]
    [InlineData("akka.tcp://actorkeys-server@127.0.0.1:4053/")]
    [InlineData("AKKA.TCP://actorkeys-server@127.0.0.1:4053")]
    [InlineData("akka.tcp://ActorKeys-Server@127.0.0.1:4053")]
    [InlineData("akka.tcp://actorkeys-server@127.0.0.1:4053 ")]
    public void A_hello_addressed_to_another_node_is_wrong_server(string addressedTo)
    {
        // Built by a real client addressing that node, so its binder is genuine: only the address differs.
        using var client = new ClientHandshake(_fixture.Credentials, addressedTo);
        var hello = client.Start(Ak1Fixture.Now, Ak1Fixture.ClientRandom());
        var verifier = _fixture.NewVerifier();
        AssertRejected(RejectReason.WrongServer, verifier.Verify(hello, Ak1Fixture.Now));
        Assert.Equal(0, verifier.ReplayCacheCount);
        // The very same Hello is fine at the node it names.
        Assert.True(new HelloVerifier(_fixture.Ring, addressedTo).Verify(hello, Ak1Fixture.Now).Accepted);
    }

    [Fact]
    public void The_server_check_comes_before_any_key_work()
    {
        // A ring whose only key is disposed: deriving any access key from it throws, so a verdict without an exception
        // shows no key was touched. The control below shows that a Hello to this node does reach the key.
        var secret = new MasterSecret(Bytes.Sequence(0x00, 32));
        using var ring = new MasterKeyRing(secret);
        secret.Dispose();
        var verifier = new HelloVerifier(ring, Ak1Fixture.ServerAddress);
        var hello = _fixture.Hello();

        var elsewhere = hello with { Server = "akka.tcp://actorkeys-server@10.0.0.5:4053", Binder = Mac.From(new byte[32]) };
        AssertRejected(RejectReason.WrongServer, verifier.Verify(elsewhere, Ak1Fixture.Now));
        Assert.Throws<ObjectDisposedException>(() => verifier.Verify(hello, Ak1Fixture.Now));
    }

    [Fact]
    public void A_wrong_binder_addressed_to_another_node_is_wrong_server_not_authentication_failed()
    {
        var hello = _fixture.Hello() with { Server = "akka.tcp://actorkeys-server@10.0.0.5:4053", Binder = Mac.From(new byte[32]) };
        AssertRejected(RejectReason.WrongServer, _fixture.NewVerifier().Verify(hello, Ak1Fixture.Now));
    }

    [Fact]
    public void The_server_address_is_covered_by_the_binder()
    {
        // Rewriting the address of a captured Hello to this node's makes it reach the binder, which then fails.
        using var client = new ClientHandshake(_fixture.Credentials, "akka.tcp://actorkeys-server@10.0.0.5:4053");
        var captured = client.Start(Ak1Fixture.Now, Ak1Fixture.ClientRandom());
        var rewritten = captured with { Server = Ak1Fixture.ServerAddress };
        AssertRejected(RejectReason.AuthenticationFailed, _fixture.NewVerifier().Verify(rewritten, Ak1Fixture.Now));
    }

    [Fact]
    public void The_key_id_of_a_retiring_master_key_is_accepted_and_of_a_retired_one_is_wrong_server()
    {
        // The fixture's master (bytes 0x00..) issued the credentials; a new current key takes over and the old one retires.
        using var ring = new MasterKeyRing(new MasterSecret(Bytes.Sequence(0x00, 32)));
        var old = ring.Current!.KeyIdHex;
        using (var added = new MasterSecret(Bytes.Sequence(0x01, 32)))
        {
            ring.Add(new MasterSecret(added.ExportSecret()));
            Assert.True(ring.MakeCurrent(added.KeyIdHex));
        }
        Assert.NotEqual(old, ring.Current!.KeyIdHex);
        var verifier = new HelloVerifier(ring, Ak1Fixture.ServerAddress);
        var verdict = verifier.Verify(_fixture.Hello(), Ak1Fixture.Now);
        Assert.True(verdict.Accepted, verdict.ToString());
        Assert.Equal(_fixture.Master.DeriveAccessKey(Ak1Fixture.Id, 0), verdict.AccessKey!.Span.ToArray());

        Assert.False(ring.Retire("0000000000000000")); // a key the ring does not hold
        Assert.True(ring.Retire(old));
        AssertRejected(RejectReason.WrongServer, verifier.Verify(_fixture.Hello(nonce: Bytes.Sequence(0x02, 32)), Ak1Fixture.Now));
    }

    [Fact]
    public void A_keystore_of_the_new_current_key_is_accepted_beside_the_old_one()
    {
        using var ring = new MasterKeyRing(new MasterSecret(Bytes.Sequence(0x00, 32)));
        var newer = new MasterSecret(Bytes.Sequence(0x01, 32));
        var newerKeyId = newer.KeyId;
        var accessKey = newer.DeriveAccessKey(Ak1Fixture.Id, 0);
        ring.Add(newer);
        using var credentials = new ClientCredentials(Ak1Fixture.Id, 0, newerKeyId, accessKey);
        var verifier = new HelloVerifier(ring, Ak1Fixture.ServerAddress);
        Assert.True(verifier.Verify(_fixture.Hello(credentials: credentials), Ak1Fixture.Now).Accepted);
        Assert.True(verifier.Verify(_fixture.Hello(nonce: Bytes.Sequence(0x02, 32)), Ak1Fixture.Now).Accepted);
    }
}
