using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>
/// A decoder may leave a missing field null. Each receiver must then refuse as for any malformed input (and the
/// channel fail closed), not escape with a NullReferenceException.
/// </summary>
public sealed class MissingFieldTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void HelloWithANullFieldIsAProtocolViolation()
    {
        var hello = _fixture.Hello();
        foreach (var bad in new[]
                 {
                     hello with { KeyId = null! }, hello with { ClientNonce = null! },
                     hello with { ClientEphemeral = null! }, hello with { Binder = null! },
                 })
        {
            Assert.Equal(RejectReason.ProtocolViolation, new HelloVerifier(_fixture.Master).Verify(bad, Ak1Fixture.Now).Reason);
        }
    }

    [Fact]
    public void ChallengeWithANullFieldIsMalformed()
    {
        Challenge challenge;
        using (var server = _fixture.ServerFor(_fixture.Hello()))
        {
            challenge = server.Respond(Ak1Fixture.ServerRandom());
        }
        foreach (var bad in new[]
                 {
                     challenge with { SessionId = null! }, challenge with { ServerNonce = null! },
                     challenge with { ServerEphemeral = null! }, challenge with { ConfirmServer = null! },
                 })
        {
            var (client, _) = _fixture.StartClient();
            using var _c = client;
            Assert.Equal(HandshakeError.Malformed, Assert.Throws<HandshakeException>(() => client.HandleChallenge(bad)).Error);
        }
    }

    [Fact]
    public void FinishWithANullFieldIsRefused()
    {
        using var server = _fixture.ServerFor(_fixture.Hello());
        server.Respond(Ak1Fixture.ServerRandom());
        Assert.Equal(HandshakeError.WrongSession,
            Assert.Throws<HandshakeException>(() => server.HandleFinish(new Finish(null!, new byte[32]))).Error);
        using var server2 = _fixture.ServerFor(_fixture.Hello());
        server2.Respond(Ak1Fixture.ServerRandom());
        Assert.Equal(HandshakeError.ClientNotAuthenticated,
            Assert.Throws<HandshakeException>(() => server2.HandleFinish(new Finish(Ak1Fixture.SessionId, null!))).Error);
    }

    [Fact]
    public void SealedWithANullFieldClosesTheChannel()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var record = client.Seal(RecordKind.Data, "x"u8);
        Assert.Equal(ChannelError.AuthenticationFailed,
            Assert.Throws<SecureChannelException>(() => server.Open(record with { Ciphertext = null! })).Error);
        Assert.True(server.IsClosed);

        var (client2, server2) = _fixture.Establish();
        using var _c2 = client2;
        using var _s2 = server2;
        Assert.Equal(ChannelError.WrongSession,
            Assert.Throws<SecureChannelException>(() => server2.Open(client2.Seal(RecordKind.Data, "x"u8) with { SessionId = null! })).Error);
        Assert.True(server2.IsClosed);
    }
}
