using System.Security.Cryptography;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Protocol.Handshake;

/// <summary>
/// The server's side of one handshake, started only for a Hello that <see cref="HelloVerifier"/> accepted:
/// <c>Created --Respond--> AwaitingFinish --HandleFinish--> Established</c>, and <c>Failed</c> on any error.
/// Between Challenge and Finish it holds only the two record keys, the chaining key and the client's expected confirmation;
/// A, the ephemeral secret, the X25519 result and prk are zeroed inside <see cref="Respond"/>.
/// </summary>
public sealed class ServerHandshake : IDisposable
{
    public enum State
    {
        Created,
        AwaitingFinish,
        Established,
        Failed,
    }

    private readonly Hello _hello;
    private readonly SecretBytes _accessKey;
    private byte[]? _sessionId;
    private byte[]? _transcriptHash;
    private SessionSecrets? _secrets;

    /// <summary>Takes ownership of <paramref name="accessKey"/> and zeroes it in <see cref="Respond"/> or <see cref="Dispose"/>.</summary>
    public ServerHandshake(Hello hello, SecretBytes accessKey)
    {
        if (accessKey.Length != Ak1.KeyBytes)
        {
            accessKey.Dispose();
            throw new ArgumentException($"An access key is {Ak1.KeyBytes} bytes.", nameof(accessKey));
        }
        _hello = hello;
        _accessKey = accessKey;
    }

    public State Current { get; private set; } = State.Created;

    /// <summary>The session id, once <see cref="Respond"/> has chosen it.</summary>
    public ReadOnlySpan<byte> SessionId => _sessionId;

    /// <summary>The Hello's nonce: a rejection of this handshake names it.</summary>
    public Values.Nonce ClientNonce => _hello.ClientNonce;

    /// <summary>
    /// Does the X25519 step and derives the session keys. Throws <see cref="HandshakeException"/> with
    /// <see cref="HandshakeError.WeakEphemeralKey"/> when the client's ephemeral key is of low order.
    /// </summary>
    public Challenge Respond(IRandomSource random)
    {
        Expect(State.Created);
        byte[]? ephemeralPrivate = null;
        byte[]? dh = null;
        try
        {
            var sessionId = random.NextBytes(Ak1.SessionIdBytes);
            var serverNonce = random.NextBytes(Ak1.NonceBytes);
            ephemeralPrivate = random.NextBytes(Ak1.PrivateKeyBytes);
            var ephemeralPublic = Primitives.X25519Public(ephemeralPrivate);
            try
            {
                dh = Primitives.X25519(ephemeralPrivate, _hello.ClientEphemeral.Span);
            }
            catch (WeakPublicKeyException)
            {
                throw new HandshakeException(HandshakeError.WeakEphemeralKey, "The client sent a weak ephemeral key.");
            }
            CryptographicOperations.ZeroMemory(ephemeralPrivate);
            var th = Transcript.Hash(Transcript.HelloBody(_hello), _hello.Binder.Span, sessionId, serverNonce, ephemeralPublic);
            _secrets = Transcript.DeriveSecrets(_accessKey.Span, dh, th);
            _sessionId = sessionId;
            _transcriptHash = th;
            Current = State.AwaitingFinish;
            return new Challenge(Values.SessionId.From(sessionId), Nonce.From(serverNonce), PublicKey.From(ephemeralPublic), Mac.From(_secrets.ConfirmServer));
        }
        catch
        {
            Fail();
            throw;
        }
        finally
        {
            if (ephemeralPrivate is not null)
            {
                CryptographicOperations.ZeroMemory(ephemeralPrivate);
            }
            if (dh is not null)
            {
                CryptographicOperations.ZeroMemory(dh);
            }
            ZeroAccessKey();
        }
    }

    /// <summary>
    /// Verifies the client's confirmation and returns the server's end of the channel. Throws
    /// <see cref="HandshakeException"/> (the session must then answer authentication-failed and stop).
    /// </summary>
    public SecureChannel HandleFinish(Finish finish, int maxMessageBytes = Ak1.DefaultMaxMessageBytes, IRandomSource? random = null)
    {
        Expect(State.AwaitingFinish);
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(finish.SessionId.Span, _sessionId))
            {
                throw new HandshakeException(HandshakeError.WrongSession, "The Finish names another session.");
            }
            if (!CryptographicOperations.FixedTimeEquals(finish.ConfirmClient.Span, _secrets!.ConfirmClient))
            {
                throw new HandshakeException(HandshakeError.ClientNotAuthenticated, "The client's key confirmation did not verify.");
            }
            var channel = new SecureChannel(_sessionId!, ChannelRole.Server, _secrets.ClientToServer, _secrets.ServerToClient,
                _secrets.ChainKey, _transcriptHash, maxMessageBytes, random);
            Current = State.Established;
            return channel;
        }
        catch
        {
            Fail();
            throw;
        }
        finally
        {
            _secrets?.Dispose();
            _secrets = null;
        }
    }

    public void Dispose()
    {
        if (Current != State.Established)
        {
            Fail();
        }
    }

    private void Expect(State state)
    {
        if (Current != state)
        {
            var was = Current;
            Fail();
            throw new HandshakeException(HandshakeError.UnexpectedMessage, $"The server handshake is in state {was}, not {state}.");
        }
    }

    private void Fail()
    {
        Current = State.Failed;
        ZeroAccessKey();
        _secrets?.Dispose();
        _secrets = null;
    }

    private void ZeroAccessKey() => _accessKey.Dispose();
}
