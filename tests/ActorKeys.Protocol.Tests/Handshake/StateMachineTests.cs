using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>The two handshake state machines: wrong-state messages, and each failure the spec names.</summary>
public sealed class StateMachineTests : IDisposable
{
    private const string LowOrderPoint = "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800";
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static HandshakeError ErrorOf(Action action) => Assert.Throws<HandshakeException>(action).Error;

    private Challenge GenuineChallenge()
    {
        using var server = _fixture.ServerFor(_fixture.Hello());
        return server.Respond(Ak1Fixture.ServerRandom());
    }

    [Fact]
    public void ClientRefusesChallengeBeforeStart()
    {
        using var client = new ClientHandshake(_fixture.Credentials, Ak1Fixture.ServerAddress);
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => client.HandleChallenge(GenuineChallenge())));
        Assert.Equal(ClientHandshake.State.Failed, client.Current);
    }

    [Fact]
    public void ClientRefusesASecondStart()
    {
        var (client, _) = _fixture.StartClient();
        using var _c = client;
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => client.Start(Ak1Fixture.Now, Ak1Fixture.ClientRandom())));
        Assert.Equal(ClientHandshake.State.Failed, client.Current);
        // Failed is final: the genuine Challenge is refused too.
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => client.HandleChallenge(GenuineChallenge())));
    }

    [Fact]
    public void ClientRefusesASecondChallengeOnceEstablished()
    {
        var (client, _) = _fixture.StartClient();
        using var _c = client;
        var challenge = GenuineChallenge();
        client.HandleChallenge(challenge).Channel.Dispose();
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => client.HandleChallenge(challenge)));
    }

    [Fact]
    public void ServerRefusesFinishBeforeRespond()
    {
        using var server = _fixture.ServerFor(_fixture.Hello());
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => server.HandleFinish(new Finish(SessionId.From(Ak1Fixture.SessionId), Mac.From(new byte[32])))));
        Assert.Equal(ServerHandshake.State.Failed, server.Current);
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => server.Respond(Ak1Fixture.ServerRandom())));
    }

    [Fact]
    public void ServerRefusesASecondRespond()
    {
        using var server = _fixture.ServerFor(_fixture.Hello());
        server.Respond(Ak1Fixture.ServerRandom());
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => server.Respond(Ak1Fixture.ServerRandom())));
        Assert.Equal(ServerHandshake.State.Failed, server.Current);
    }

    [Fact]
    public void ServerRefusesASecondFinishOnceEstablished()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        using var server = _fixture.ServerFor(hello);
        var (finish, channel) = client.HandleChallenge(server.Respond(Ak1Fixture.ServerRandom()));
        channel.Dispose();
        server.HandleFinish(finish).Dispose();
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => server.HandleFinish(finish)));
    }

    [Fact]
    public void ClientDetectsAServerThatDoesNotHoldTheKey()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        // A server that knows the Hello but not A: it answers with a Challenge built from another key.
        using var impostor = new ServerHandshake(hello, SecretBytes.Adopt(Bytes.Sequence(0x99, 32)));
        var challenge = impostor.Respond(Ak1Fixture.ServerRandom());
        Assert.Equal(HandshakeError.ServerNotAuthenticated, ErrorOf(() => client.HandleChallenge(challenge)));
        AssertStillAwaitingTheGenuineChallenge(client);
    }

    [Fact]
    public void ClientDetectsAChallengeForAnotherHello()
    {
        var (client, _) = _fixture.StartClient(nonce: Bytes.Sequence(0x01, 32));
        using var _c = client;
        // A genuine Challenge of the same server, but answering a different Hello of the same client.
        Assert.Equal(HandshakeError.ServerNotAuthenticated, ErrorOf(() => client.HandleChallenge(GenuineChallenge())));
    }

    [Fact]
    public void ServerRejectsAWrongClientConfirmation()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        using var server = _fixture.ServerFor(hello);
        var (finish, channel) = client.HandleChallenge(server.Respond(Ak1Fixture.ServerRandom()));
        channel.Dispose();
        Assert.Equal(HandshakeError.ClientNotAuthenticated, ErrorOf(() => server.HandleFinish(finish with { ConfirmClient = Mac.From(new byte[32]) })));
        Assert.Equal(ServerHandshake.State.Failed, server.Current);
        // The session stopped: the genuine Finish cannot revive it.
        Assert.Equal(HandshakeError.UnexpectedMessage, ErrorOf(() => server.HandleFinish(finish)));
    }

    [Fact]
    public void ServerRejectsAFinishForAnotherSession()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        using var server = _fixture.ServerFor(hello);
        var (finish, channel) = client.HandleChallenge(server.Respond(Ak1Fixture.ServerRandom()));
        channel.Dispose();
        Assert.Equal(HandshakeError.WrongSession, ErrorOf(() => server.HandleFinish(finish with { SessionId = SessionId.From(new byte[16]) })));
        Assert.Equal(ServerHandshake.State.Failed, server.Current);
    }

    [Fact]
    public void ServerRejectsTheClientConfirmationEchoedBack()
    {
        // Reflection: the server's own confirmation sent back as the client's must not verify.
        using var server = _fixture.ServerFor(_fixture.Hello());
        var challenge = server.Respond(Ak1Fixture.ServerRandom());
        Assert.Equal(HandshakeError.ClientNotAuthenticated,
            ErrorOf(() => server.HandleFinish(new Finish(challenge.SessionId, challenge.ConfirmServer))));
    }

    [Fact]
    public void ServerRefusesALowOrderClientEphemeral()
    {
        // A Hello whose binder is genuine (the client holds A) but whose E_c is of low order: the verifier lets it
        // through (it does no X25519 work), and the server's DH step must refuse it.
        var hello = _fixture.Hello();
        var accessKey = _fixture.Master.DeriveAccessKey(Ak1Fixture.Id, 0);
        var weak = hello with { ClientEphemeral = PublicKey.From(Bytes.Hex(LowOrderPoint)) };
        weak = weak with { Binder = Mac.From(Transcript.Binder(accessKey, Transcript.HelloBody(weak))) };
        var verdict = _fixture.NewVerifier().Verify(weak, Ak1Fixture.Now);
        Assert.True(verdict.Accepted);
        var owned = verdict.AccessKey!;
        using var server = new ServerHandshake(weak, owned);
        Assert.Equal(HandshakeError.WeakEphemeralKey, ErrorOf(() => server.Respond(Ak1Fixture.ServerRandom())));
        Assert.Equal(ServerHandshake.State.Failed, server.Current);
        Assert.True(owned.IsDisposed); // zeroed although the handshake failed
    }

    [Fact]
    public void ClientRefusesALowOrderServerEphemeral()
    {
        var (client, _) = _fixture.StartClient();
        using var _c = client;
        var challenge = GenuineChallenge() with { ServerEphemeral = PublicKey.From(new byte[32]) };
        Assert.Equal(HandshakeError.WeakEphemeralKey, ErrorOf(() => client.HandleChallenge(challenge)));
        AssertStillAwaitingTheGenuineChallenge(client);
    }

    [Fact]
    public void HandshakeErrorsNeverCarryKeyMaterial()
    {
        var accessKey = _fixture.Master.DeriveAccessKey(Ak1Fixture.Id, 0);
        var (client, _) = _fixture.StartClient();
        using var _c = client;
        var error = Assert.Throws<HandshakeException>(() => client.HandleChallenge(GenuineChallenge() with { ConfirmServer = Mac.From(new byte[32]) }));
        Assert.DoesNotContain(Bytes.ToHex(accessKey), error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(accessKey), error.ToString());
    }

    /// <summary>
    /// A bad Challenge may come from anyone who can reach the client: the attempt survives it, and the genuine
    /// Challenge still completes the handshake.
    /// </summary>
    private void AssertStillAwaitingTheGenuineChallenge(ClientHandshake client)
    {
        Assert.Equal(ClientHandshake.State.AwaitingChallenge, client.Current);
        var (_, channel) = client.HandleChallenge(GenuineChallenge());
        channel.Dispose();
        Assert.Equal(ClientHandshake.State.Established, client.Current);
    }
}
