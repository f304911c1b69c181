using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Protocol.Tests.Support;

/// <summary>
/// A server master and one provisioned client, with every random value fixed, so a test can replay the same
/// handshake as often as it needs (one client handshake is single-use; the same Hello and Challenge are not).
/// </summary>
public sealed class Ak1Fixture : IDisposable
{
    public const string Id = "client-07.A_z";
    public const ulong Now = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    /// <summary>The server node every fixture Hello is addressed to, and the address its verifier advertises.</summary>
    public const string ServerAddress = "akka.tcp://actorkeys-server@127.0.0.1:4053";
    public static readonly ulong SkewMs = (ulong)Ak1.DefaultMaxClockSkew.TotalMilliseconds;

    public static readonly byte[] ClientEphemeralPrivate = Bytes.Sequence(0x60, 32);
    public static readonly byte[] ClientNonce = Bytes.Sequence(0x40, 32);
    public static readonly byte[] SessionId = Bytes.Sequence(0x80, 16);
    public static readonly byte[] ServerNonce = Bytes.Sequence(0xa0, 32);
    public static readonly byte[] ServerEphemeralPrivate = Bytes.Sequence(0xc0, 32);

    public Ak1Fixture()
    {
        Master = new MasterSecret(Bytes.Sequence(0x00, 32));
        Ring = new MasterKeyRing(Master);
        Credentials = CredentialsFor(Id, 0);
    }

    /// <summary>The current (and only) key of <see cref="Ring"/>; the ring owns it.</summary>
    public MasterSecret Master { get; }

    /// <summary>The master keys the fixture's server accepts: <see cref="Master"/> alone unless a test adds more.</summary>
    public MasterKeyRing Ring { get; }

    /// <summary>A verifier of this server at <see cref="ServerAddress"/>.</summary>
    public HelloVerifier NewVerifier(HelloVerifierOptions? options = null) => new(Ring, ServerAddress, options);

    public ClientCredentials Credentials { get; }

    /// <summary>Credentials this server issued for <paramref name="id"/> at <paramref name="epoch"/>; the test disposes them.</summary>
    public ClientCredentials CredentialsFor(string id, uint epoch)
    {
        var accessKey = Master.DeriveAccessKey(id, epoch);
        return new ClientCredentials(id, epoch, Master.KeyId, accessKey);
    }

    public static ScriptedRandom ClientRandom(byte[]? nonce = null) => new(ClientEphemeralPrivate, nonce ?? ClientNonce);

    public static ScriptedRandom ServerRandom() => new(SessionId, ServerNonce, ServerEphemeralPrivate);

    /// <summary>A client handshake that has sent its Hello.</summary>
    public (ClientHandshake Client, Hello Hello) StartClient(ulong timeMs = Now, byte[]? nonce = null, ClientCredentials? credentials = null)
    {
        var client = new ClientHandshake(credentials ?? Credentials, ServerAddress);
        return (client, client.Start(timeMs, ClientRandom(nonce)));
    }

    /// <summary>The fixed Hello, built by a real client.</summary>
    public Hello Hello(ulong timeMs = Now, byte[]? nonce = null, ClientCredentials? credentials = null)
    {
        var (client, hello) = StartClient(timeMs, nonce, credentials);
        client.Dispose();
        return hello;
    }

    /// <summary>A server handshake for <paramref name="hello"/> with A recomputed from the master, skipping the verifier.</summary>
    public ServerHandshake ServerFor(Hello hello) => new(hello, SecretBytes.Adopt(Master.DeriveAccessKey(hello.ClientId, hello.Epoch)));

    /// <summary>
    /// Runs the whole handshake and returns both channel ends. <paramref name="clientRandom"/> and
    /// <paramref name="serverRandom"/> are what each channel draws its rekey keys and nonces from (the system's by default).
    /// </summary>
    public (SecureChannel Client, SecureChannel Server) Establish(int maxMessageBytes = Ak1.DefaultMaxMessageBytes,
        IRandomSource? clientRandom = null, IRandomSource? serverRandom = null)
    {
        var (client, hello) = StartClient();
        using var _ = client;
        var verdict = NewVerifier().Verify(hello, Now);
        Assert.True(verdict.Accepted, verdict.ToString());
        using var server = new ServerHandshake(hello, verdict.AccessKey!);
        var challenge = server.Respond(ServerRandom());
        var (finish, clientChannel) = client.HandleChallenge(challenge, maxMessageBytes, clientRandom);
        var serverChannel = server.HandleFinish(finish, maxMessageBytes, serverRandom);
        Assert.Equal(ClientHandshake.State.Established, client.Current);
        Assert.Equal(ServerHandshake.State.Established, server.Current);
        return (clientChannel, serverChannel);
    }

    public void Dispose()
    {
        Credentials.Dispose();
        Ring.Dispose(); // zeroes Master too
    }
}
