using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>A whole session with real randomness: handshake, data both ways, close.</summary>
public sealed class HandshakeFlowTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void FullHandshakeWithSystemRandomnessEstablishesBothEnds()
    {
        using var client = new ClientHandshake(_fixture.Credentials, Ak1Fixture.ServerAddress);
        var hello = client.Start(Ak1Fixture.Now, SystemRandomSource.Instance);
        Assert.Equal(ClientHandshake.State.AwaitingChallenge, client.Current);

        var verdict = _fixture.NewVerifier().Verify(hello, Ak1Fixture.Now);
        Assert.True(verdict.Accepted);
        using var server = new ServerHandshake(hello, verdict.AccessKey!);
        Assert.Equal(ServerHandshake.State.Created, server.Current);
        var challenge = server.Respond(SystemRandomSource.Instance);
        Assert.Equal(ServerHandshake.State.AwaitingFinish, server.Current);
        Assert.Equal(challenge.SessionId.Span, server.SessionId.ToArray());
        // The server owned A and zeroed it once the session keys existed.
        Assert.True(verdict.AccessKey!.IsDisposed); // zeroed by Respond

        var (finish, clientChannel) = client.HandleChallenge(challenge);
        Assert.Equal(ClientHandshake.State.Established, client.Current);
        using var serverChannel = server.HandleFinish(finish);
        using var _ = clientChannel;
        Assert.Equal(ServerHandshake.State.Established, server.Current);
        Assert.Equal(ChannelRole.Client, clientChannel.Role);
        Assert.Equal(ChannelRole.Server, serverChannel.Role);
        Assert.Equal(challenge.SessionId.Span, clientChannel.SessionId.ToArray());
        Assert.Equal(challenge.SessionId.Span, serverChannel.SessionId.ToArray());

        var opened = serverChannel.Open(clientChannel.Seal(RecordKind.Data, "hello"u8));
        Assert.Equal("hello"u8.ToArray(), opened.Body);
    }

    [Fact]
    public void TwoSessionsOfOneClientGetDifferentKeys()
    {
        var (client1, server1) = _fixture.Establish();
        using var _ = new Disposer(client1, server1);
        using var client2 = new ClientHandshake(_fixture.Credentials, Ak1Fixture.ServerAddress);
        var hello = client2.Start(Ak1Fixture.Now, SystemRandomSource.Instance);
        using var server2 = _fixture.ServerFor(hello);
        var (_, channel2) = client2.HandleChallenge(server2.Respond(SystemRandomSource.Instance));
        using var _channel2 = channel2;
        // Same plaintext, seq 0, direction 1 in both sessions: different ciphertext means different keys or sid.
        Assert.NotEqual(client1.Seal(RecordKind.Data, "x"u8).Ciphertext, channel2.Seal(RecordKind.Data, "x"u8).Ciphertext);
    }

    [Fact]
    public void TwoWayExchangeThenCloseEndsBothEnds()
    {
        var (client, server) = _fixture.Establish();
        using var _ = new Disposer(client, server);
        for (var i = 0; i < 5; i++)
        {
            var body = System.Text.Encoding.UTF8.GetBytes($"c2s {i}");
            var record = client.Seal(RecordKind.Data, body);
            Assert.Equal((ulong)i, record.Seq);
            var opened = server.Open(record);
            Assert.Equal(RecordKind.Data, opened.Kind);
            Assert.Equal(body, opened.Body);
        }
        for (var i = 0; i < 4; i++)
        {
            var body = System.Text.Encoding.UTF8.GetBytes($"s2c {i}");
            var record = server.Seal(RecordKind.Data, body);
            Assert.Equal((ulong)i, record.Seq);
            Assert.Equal(body, client.Open(record).Body);
        }
        var empty = server.Open(client.Seal(RecordKind.Data, ReadOnlySpan<byte>.Empty));
        Assert.Empty(empty.Body);

        var close = client.SealClose(CloseReason.Normal);
        Assert.True(client.IsClosed);
        Assert.False(server.IsClosed);
        var closed = server.Open(close);
        Assert.Equal(RecordKind.Close, closed.Kind);
        Assert.Equal(CloseReason.Normal, closed.CloseReason);
        Assert.True(server.IsClosed);
        Assert.Equal(ChannelError.Closed, Assert.Throws<SecureChannelException>(() => client.Seal(RecordKind.Data, "x"u8)).Error);
        Assert.Equal(ChannelError.Closed, Assert.Throws<SecureChannelException>(() => server.Seal(RecordKind.Data, "x"u8)).Error);
    }

    [Fact]
    public void ServerCanCloseToo()
    {
        var (client, server) = _fixture.Establish();
        using var _ = new Disposer(client, server);
        var close = server.Seal(RecordKind.Close, [(byte)CloseReason.ServerShutdown]);
        var opened = client.Open(close);
        Assert.Equal(RecordKind.Close, opened.Kind);
        Assert.Equal(CloseReason.ServerShutdown, opened.CloseReason);
        Assert.Equal([(byte)CloseReason.ServerShutdown], opened.Body);
        Assert.True(client.IsClosed);
        Assert.True(server.IsClosed);
    }

    /// <summary>Disposes both channel ends at the end of a test.</summary>
    private sealed class Disposer(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
