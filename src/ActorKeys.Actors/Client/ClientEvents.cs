using ActorKeys.KeyStore;
using ActorKeys.Protocol;

namespace ActorKeys.Actors.Client;

/// <summary>What a <see cref="ClientSession"/> tells its listener. The events that end a session are followed only by <see cref="MessageNotSent"/> for messages still waiting.</summary>
public interface IClientEvent;

/// <summary>The server proved it holds the key that issued this keystore; messages can flow.</summary>
public sealed record SessionKeyVerified(string ClientId) : IClientEvent
{
    /// <summary>The server node the session was established with (empty when the sender does not say).</summary>
    public string ServerAddress { get; init; } = "";
}

/// <summary>A reply from the server, decrypted and verified.</summary>
public sealed record MessageReceived(string Text) : IClientEvent;

/// <summary>A message given to <see cref="Send"/> that was not sent, and why.</summary>
public sealed record MessageNotSent(string Text, string Reason) : IClientEvent;

/// <summary>The server refused the handshake. Ends the session.</summary>
public sealed record ConnectionRejected(RejectReason Reason) : IClientEvent;

/// <summary>
/// The server proved that this client's access key is revoked: a <c>revoked</c> rejection whose proof verified, or a close
/// record of reason revoked inside the session. Ends the session; reconnecting could not succeed, so it is never tried.
/// </summary>
public sealed record AccessRevoked(string ClientId) : IClientEvent;

/// <summary>The server's key confirmation did not verify: it does not hold the key that issued this keystore. Ends the session.</summary>
public sealed record ServerNotAuthenticated : IClientEvent;

/// <summary>
/// No answer from the server within the handshake timeout, on the first connection (from any node, when there are
/// several: each was tried once). Ends the session. <see cref="Address"/> is the first node tried.
/// </summary>
public sealed record ServerUnreachable(string Address) : IClientEvent
{
    /// <summary>Every node tried, in order: <see cref="Address"/> alone with one node.</summary>
    public IReadOnlyList<string> AddressesTried { get; init; } = [Address];
}

/// <summary>The session ended for good: closed by this client, or lost and not re-established. Ends the session.</summary>
public sealed record SessionEnded(string Reason) : IClientEvent;

/// <summary>An established session was lost; the client is handshaking again (see <c>actorkeys.client.reconnect</c>).</summary>
public sealed record ConnectionLost(string Reason) : IClientEvent;

/// <summary>A fresh handshake succeeded after a loss; messages sent meanwhile go out now.</summary>
public sealed record Reconnected(string ClientId) : IClientEvent
{
    /// <summary>The server node the new session was established with: the next one after the node that was lost, or later.</summary>
    public string ServerAddress { get; init; } = "";
}
