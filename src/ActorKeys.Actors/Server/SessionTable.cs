using System.Security.Cryptography;
using Akka.Actor;

namespace ActorKeys.Actors.Server;

/// <summary>
/// The <see cref="SessionManager"/>'s books, held outside the actor instance (like <see cref="KeyAuthorityState"/>) so
/// that a restart would keep every session and its count: sessions in all, per client id, and those still waiting for
/// their Finish, each with the <see cref="StartSession"/> it was given so that its access key can be zeroed even if
/// the session dies before reading it. Used by one actor only.
/// </summary>
public sealed class SessionTable
{
    private readonly Dictionary<IActorRef, SessionOwner> _ownerOf = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, StartSession> _pending = new();

    public int Count => _ownerOf.Count;

    /// <summary>Every session with the client id, epoch and master keyId of the Hello that started it.</summary>
    public IEnumerable<KeyValuePair<IActorRef, SessionOwner>> Sessions => _ownerOf;
    public int PendingCount => _pending.Count;
    public RestartCounter Restarts { get; } = new();

    public int SessionsOf(string clientId) => _perClient.GetValueOrDefault(clientId);

    public void Add(IActorRef session, StartSession start)
    {
        _ownerOf[session] = new SessionOwner(start.Hello.ClientId, start.Hello.Epoch, start.Hello.KeyId);
        _perClient[start.Hello.ClientId] = SessionsOf(start.Hello.ClientId) + 1;
        _pending[session] = start;
    }

    /// <summary>The session's Finish verified: it no longer counts as pending, and its start message is let go.</summary>
    public void Established(IActorRef session) => _pending.Remove(session);

    public void Remove(IActorRef session)
    {
        if (_pending.Remove(session, out var start))
        {
            // Zeroed by the session when it used it; zeroed here when it never did (it died first).
            start.AccessKey.Dispose();
        }
        if (_ownerOf.Remove(session, out var owner))
        {
            var clientId = owner.ClientId;
            var left = SessionsOf(clientId) - 1;
            if (left > 0)
            {
                _perClient[clientId] = left;
            }
            else
            {
                _perClient.Remove(clientId);
            }
        }
    }
}

/// <summary>Whose a session is: what a revocation or a master key's retirement is checked against.</summary>
public sealed record SessionOwner(string ClientId, uint Epoch, ActorKeys.Protocol.Values.KeyId KeyId)
{
    public string KeyIdHex => Convert.ToHexStringLower(KeyId.Span);
}
