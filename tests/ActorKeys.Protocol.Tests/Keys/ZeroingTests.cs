using System.Reflection;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Keys;

/// <summary>Keys are zeroed when their owner is done, refused afterwards, and never shown by ToString.</summary>
public sealed class ZeroingTests : IDisposable
{
    private static readonly byte[] MasterBytes = Bytes.Sequence(0x00, 32);
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    /// <summary>The private key buffer of an object, read white-box to prove it was wiped, not just dropped.</summary>
    private static byte[] PrivateBuffer(object owner, string field) =>
        (byte[])owner.GetType().GetField(field, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(owner)!;

    private static void AssertNoKeyIn(string text, params byte[][] keys)
    {
        foreach (var key in keys)
        {
            Assert.DoesNotContain(Convert.ToHexString(key), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(key), text);
            Assert.DoesNotContain(Convert.ToBase64String(key).TrimEnd('='), text);
        }
    }

    [Fact]
    public void DisposedChannelRefusesToSealAndOpenAndHasZeroedItsKeys()
    {
        var (client, server) = _fixture.Establish();
        using var _s = server;
        var pending = client.Seal(RecordKind.Data, "x"u8);
        var keys = client.KeysForTests().ToArray();
        Assert.All(keys, k => Assert.Contains(k, b => b != 0));
        client.Dispose();
        Assert.True(client.IsClosed);
        Assert.Equal(ChannelError.Closed, Assert.Throws<SecureChannelException>(() => client.Seal(RecordKind.Data, "y"u8)).Error);
        Assert.Equal(ChannelError.Closed, Assert.Throws<SecureChannelException>(() => client.Open(server.Seal(RecordKind.Data, "z"u8))).Error);
        Assert.All(keys.SelectMany(k => k), b => Assert.Equal(0, b));
        // The peer is unaffected by the other end's local dispose.
        Assert.Equal("x"u8.ToArray(), server.Open(pending).Body);
    }

    [Fact]
    public void ChannelClosedByAFailureHasZeroedItsKeys()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var record = client.Seal(RecordKind.Data, "x"u8);
        var keys = server.KeysForTests().ToArray();
        Assert.Equal(3, keys.Length); // send, receive, chaining key
        Assert.Throws<SecureChannelException>(() => server.Open(record with { Seq = 7 }));
        Assert.All(keys.SelectMany(k => k), b => Assert.Equal(0, b));
    }

    [Fact]
    public void DisposedMasterSecretThrowsAndIsZeroed()
    {
        var master = new MasterSecret(MasterBytes);
        master.Dispose();
        Assert.Throws<ObjectDisposedException>(() => master.DeriveAccessKey("1", 0));
        Assert.Throws<ObjectDisposedException>(() => master.ExportSecret());
        Assert.All(PrivateBuffer(master, "_secret"), b => Assert.Equal(0, b));
        master.Dispose(); // idempotent
    }

    [Fact]
    public void MasterSecretKeepsItsOwnCopy()
    {
        var bytes = MasterBytes.ToArray();
        using var master = new MasterSecret(bytes);
        bytes.AsSpan().Clear();
        Assert.Equal(MasterBytes, master.ExportSecret());
    }

    [Fact]
    public void DisposedClientCredentialsThrowAndAreZeroed()
    {
        var credentials = _fixture.CredentialsFor("1", 0);
        credentials.Dispose();
        Assert.Throws<ObjectDisposedException>(() => credentials.CopyAccessKey());
        Assert.All(PrivateBuffer(credentials, "_accessKey"), b => Assert.Equal(0, b));
        // A handshake over disposed credentials cannot start.
        using var client = new ClientHandshake(credentials, Ak1Fixture.ServerAddress);
        Assert.Throws<ObjectDisposedException>(() => client.Start(Ak1Fixture.Now, Ak1Fixture.ClientRandom()));
    }

    [Fact]
    public void DisposedSessionSecretsAreZeroed()
    {
        var secrets = Transcript.DeriveSecrets(Bytes.Sequence(1, 32), Bytes.Sequence(2, 32), Bytes.Sequence(3, 32));
        secrets.Dispose();
        Assert.All(Bytes.Concat(secrets.ClientToServer, secrets.ServerToClient, secrets.ConfirmServer, secrets.ConfirmClient, secrets.ChainKey),
            b => Assert.Equal(0, b));
    }

    [Fact]
    public void ClientEphemeralPrivateKeyIsGoneAfterTheChallenge()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        var ephemeral = PrivateBuffer(client, "_ephemeralPrivate");
        Assert.Equal(Ak1Fixture.ClientEphemeralPrivate, ephemeral);
        using var server = _fixture.ServerFor(hello);
        client.HandleChallenge(server.Respond(Ak1Fixture.ServerRandom())).Channel.Dispose();
        Assert.All(ephemeral, b => Assert.Equal(0, b));
    }

    [Fact]
    public void ToStringNeverShowsAKey()
    {
        using var master = new MasterSecret(MasterBytes);
        var accessKey = master.DeriveAccessKey("1", 0);
        using var credentials = new ClientCredentials("1", 0, master.KeyId, accessKey);
        using var secrets = Transcript.DeriveSecrets(accessKey, Bytes.Sequence(2, 32), Bytes.Sequence(3, 32));
        using var channel = new SecureChannel(Bytes.Sequence(0x80, 16), ChannelRole.Client, secrets.ClientToServer, secrets.ServerToClient,
            secrets.ChainKey, Bytes.Sequence(3, 32));
        var keys = new[] { MasterBytes, accessKey, secrets.ClientToServer, secrets.ServerToClient, secrets.ConfirmServer, secrets.ConfirmClient, secrets.ChainKey };
        foreach (var text in new[] { master.ToString(), credentials.ToString(), secrets.ToString(), channel.ToString() })
        {
            AssertNoKeyIn(text, keys);
        }
        // They do say what they are, so a log line stays useful.
        Assert.Contains(master.KeyIdHex, master.ToString());
        Assert.Contains("1", credentials.ToString());
    }

    [Fact]
    public void SecretBytesZeroesWhatItAdoptedAndNeverShowsIt()
    {
        var bytes = Enumerable.Repeat((byte)0x5A, 32).ToArray();
        var secret = SecretBytes.Adopt(bytes);
        Assert.DoesNotContain("5A", secret.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(secret, SecretBytes.Adopt(bytes.ToArray())); // equal only to itself

        secret.Dispose();
        secret.Dispose(); // every holder may dispose

        Assert.All(bytes, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => secret.Span.Length);
    }
}
