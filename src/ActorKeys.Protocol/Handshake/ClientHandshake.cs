using System.Security.Cryptography;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Protocol.Handshake;

/// <summary>
/// The client's side of the AK1 handshake as an explicit state machine:
/// <c>Initial --Start--> AwaitingChallenge --HandleChallenge--> Established</c>; a Challenge that does not verify
/// leaves it in <c>AwaitingChallenge</c>, and a message in the wrong state moves it to <c>Failed</c>.
/// Time and randomness are parameters so tests can fix them.
/// </summary>
public sealed class ClientHandshake : IDisposable
{
    public enum State
    {
        Initial,
        AwaitingChallenge,
        Established,
        Failed,
    }

    private readonly ClientCredentials _credentials;
    private readonly string _server;
    private byte[]? _ephemeralPrivate;
    private byte[]? _helloBody;
    private byte[]? _binder;

    /// <summary>
    /// The handshake borrows <paramref name="credentials"/>; their owner disposes them. <paramref name="server"/> is the
    /// server node's address as this client addresses it (<c>akka.tcp://actorkeys-server@host:port</c>), bound into the Hello.
    /// </summary>
    public ClientHandshake(ClientCredentials credentials, string server)
    {
        _credentials = credentials;
        _server = server;
    }

    /// <summary>The client nonce of the Hello sent: a version-2 rejection names it, and one naming another is not for this attempt.</summary>
    public Nonce ClientNonce { get; private set; }

    public State Current { get; private set; } = State.Initial;

    /// <summary>Builds the Hello: a fresh ephemeral key and nonce, and the binder under A.</summary>
    public Hello Start(ulong nowMs, IRandomSource random)
    {
        Expect(State.Initial);
        _ephemeralPrivate = random.NextBytes(Ak1.PrivateKeyBytes);
        var ephemeralPublic = Primitives.X25519Public(_ephemeralPrivate);
        var nonce = random.NextBytes(Ak1.NonceBytes);
        _helloBody = Transcript.HelloBody(Ak1.Version, _credentials.ClientId, _credentials.Epoch, _credentials.IssuerKeyId,
            _server, nowMs, nonce, ephemeralPublic);
        var accessKey = _credentials.CopyAccessKey();
        try
        {
            _binder = Transcript.Binder(accessKey, _helloBody);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(accessKey);
        }
        Current = State.AwaitingChallenge;
        ClientNonce = Nonce.From(nonce);
        return new Hello(Ak1.Version, _credentials.ClientId, _credentials.Epoch, KeyId.From(_credentials.IssuerKeyId), _server, nowMs,
            ClientNonce, PublicKey.From(ephemeralPublic), Mac.From(_binder));
    }

    /// <summary>
    /// True when <paramref name="rejected"/> names this Hello's nonce (and a Hello was sent); anything else is ignored by the
    /// caller. This checks the nonce only: for <c>revoked</c> the caller must also ask <see cref="RevocationIsProven"/>, and
    /// treat an unproven one as <c>authentication-failed</c> (retryable).
    /// </summary>
    public bool IsForThisAttempt(Rejected2 rejected) =>
        _binder is not null && Primitives.FixedTimeEquals(rejected.ClientNonce.Span, ClientNonce.Span);

    /// <summary>
    /// For a <c>revoked</c> rejection: whether its proof verifies under this client's access key and this attempt's binder.
    /// It does not look at the nonce; ask <see cref="IsForThisAttempt"/> first.
    /// </summary>
    public bool RevocationIsProven(Rejected2 rejected)
    {
        if (_binder is null || rejected.Reason != RejectReason.Revoked)
        {
            return false;
        }
        var accessKey = _credentials.CopyAccessKey();
        try
        {
            var expected = Transcript.RevokedProof(accessKey, _binder);
            return Primitives.FixedTimeEquals(expected.Span, rejected.Proof.Span);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(accessKey);
        }
    }

    /// <summary>
    /// Verifies the server's confirmation and returns the Finish to send and the client's end of the channel.
    /// Throws <see cref="HandshakeException"/> when the challenge is malformed, carries a weak key, or its confirmation
    /// does not verify (the server does not hold the key that issued this keystore), and stays in
    /// <c>AwaitingChallenge</c>: anyone who can reach the client actor can send a challenge, so a bad one must not end
    /// the attempt; the genuine one may still come, and the caller's timeout ends the wait.
    /// </summary>
    public (Finish Finish, SecureChannel Channel) HandleChallenge(Challenge challenge, int maxMessageBytes = Ak1.DefaultMaxMessageBytes,
        IRandomSource? random = null)
    {
        Expect(State.AwaitingChallenge);
        byte[]? accessKey = null;
        byte[]? dh = null;
        SessionSecrets? secrets = null;
        try
        {
            try
            {
                dh = Primitives.X25519(_ephemeralPrivate!, challenge.ServerEphemeral.Span);
            }
            catch (WeakPublicKeyException)
            {
                throw new HandshakeException(HandshakeError.WeakEphemeralKey, "The server sent a weak ephemeral key.");
            }
            var th = Transcript.Hash(_helloBody!, _binder!, challenge.SessionId.Span, challenge.ServerNonce.Span, challenge.ServerEphemeral.Span);
            accessKey = _credentials.CopyAccessKey();
            secrets = Transcript.DeriveSecrets(accessKey, dh, th);
            if (!Primitives.FixedTimeEquals(secrets.ConfirmServer, challenge.ConfirmServer.Span))
            {
                throw new HandshakeException(HandshakeError.ServerNotAuthenticated,
                    "The server does not hold the key that issued this keystore.");
            }
            var finish = new Finish(challenge.SessionId, Mac.From(secrets.ConfirmClient));
            var channel = new SecureChannel(challenge.SessionId.Span, ChannelRole.Client, secrets.ClientToServer, secrets.ServerToClient,
                secrets.ChainKey, th, maxMessageBytes, random);
            Current = State.Established;
            Zero(ref _ephemeralPrivate);
            return (finish, channel);
        }
        finally
        {
            Zero(ref accessKey);
            Zero(ref dh);
            secrets?.Dispose();
        }
    }

    public void Dispose()
    {
        Zero(ref _ephemeralPrivate);
        if (Current != State.Established)
        {
            Current = State.Failed;
        }
    }

    private void Expect(State state)
    {
        if (Current != state)
        {
            var was = Current;
            Current = State.Failed;
            Zero(ref _ephemeralPrivate);
            throw new HandshakeException(HandshakeError.UnexpectedMessage, $"The client handshake is in state {was}, not {state}.");
        }
    }

    private static void Zero(ref byte[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
            secret = null;
        }
    }
}
