using System.Diagnostics;
using Akka.Actor;

namespace ActorKeys.Actors.Server;

/// <summary>
/// The <see cref="SessionManager"/>'s books, held outside the actor instance (like <see cref="KeyAuthorityState"/>) so
/// that a restart would keep every session and its count: sessions in all, per client id, and those still waiting for
/// their Finish, each with the <see cref="StartSession"/> it was given so that its access key can be zeroed even if
/// the session dies before reading it. It also indexes the sessions by client actor: the manager, not each session,
/// watches the client actors (a death watch made by a session cost it about 450 B of watch tables). Used by one actor only.
/// </summary>
public sealed class SessionTable
{
    private readonly Dictionary<IActorRef, SessionOwner> _ownerOf = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, StartSession> _pending = new();
    /// <summary>Client actor → its session (an <see cref="IActorRef"/>), or its sessions (a <see cref="HashSet{T}"/>) when it has several.</summary>
    private readonly Dictionary<IActorRef, object> _sessionsOfClient = new();
    /// <summary>No deadline of any session is earlier than this: until then <see cref="TakeDue"/> does not look at them.</summary>
    private long _earliestDeadline = long.MaxValue;

    public int Count => _ownerOf.Count;

    /// <summary>
    /// No session's deadline is earlier than this (<see cref="Stopwatch"/> ticks; <see cref="long.MaxValue"/> for none): the
    /// time the manager next needs <see cref="TakeDue"/>. A lower bound, exact again after each pass.
    /// </summary>
    public long EarliestDeadline => _earliestDeadline;

    /// <summary>Every session with the client id, epoch and master keyId of the Hello that started it.</summary>
    public IEnumerable<KeyValuePair<IActorRef, SessionOwner>> Sessions => _ownerOf;
    public int PendingCount => _pending.Count;
    public RestartCounter Restarts { get; } = new();

    public int SessionsOf(string clientId) => _perClient.GetValueOrDefault(clientId);

    /// <summary>Counts a new session in; its handshake must end by <paramref name="handshakeDeadline"/> (<see cref="Stopwatch"/> ticks).</summary>
    /// <returns>True when it is the first session of its client actor: the manager then watches that actor.</returns>
    public bool Add(IActorRef session, StartSession start, long handshakeDeadline = long.MaxValue)
    {
        _ownerOf[session] = new SessionOwner(start.Hello.ClientId, start.Hello.Epoch, start.Hello.KeyId, start.Client)
        {
            ExpiresAt = handshakeDeadline,
        };
        _earliestDeadline = Math.Min(_earliestDeadline, handshakeDeadline);
        _perClient[start.Hello.ClientId] = SessionsOf(start.Hello.ClientId) + 1;
        _pending[session] = start;
        switch (_sessionsOfClient.GetValueOrDefault(start.Client))
        {
            case null:
                _sessionsOfClient[start.Client] = session;
                return true;
            case HashSet<IActorRef> several:
                several.Add(session);
                return false;
            case var one:
                _sessionsOfClient[start.Client] = new HashSet<IActorRef> { (IActorRef)one, session };
                return false;
        }
    }

    /// <summary>The sessions of a client actor (none when it has none).</summary>
    public IReadOnlyCollection<IActorRef> SessionsOfClient(IActorRef client) => _sessionsOfClient.GetValueOrDefault(client) switch
    {
        null => [],
        HashSet<IActorRef> several => several.ToArray(),
        var one => [(IActorRef)one],
    };

    /// <summary>
    /// The sessions of a client actor that is gone, taken out of the index (they stay counted until they stop): a later
    /// <see cref="Add"/> for that actor is its first again, so the manager watches it again.
    /// </summary>
    public IReadOnlyCollection<IActorRef> TakeSessionsOfClient(IActorRef client)
    {
        var sessions = SessionsOfClient(client);
        _sessionsOfClient.Remove(client);
        return sessions;
    }

    /// <summary>
    /// The session's Finish verified: it no longer counts as pending, its start message is let go, and its handshake
    /// deadline no longer runs (<see cref="GenerationStarted"/> sets the next one).
    /// </summary>
    public void Established(IActorRef session)
    {
        _pending.Remove(session);
        if (_ownerOf.TryGetValue(session, out var owner))
        {
            owner.ExpiresAt = long.MaxValue;
        }
    }

    /// <summary>
    /// A key generation of <paramref name="session"/> began (the Finish, or a rekey it answered): it expires at
    /// <paramref name="expiresAt"/>, and the client's previous generation stops being accepted at
    /// <paramref name="previousAcceptedUntil"/> (<see cref="long.MaxValue"/>: there is none). <see cref="Stopwatch"/> ticks.
    /// </summary>
    public void GenerationStarted(IActorRef session, uint generation, long expiresAt, long previousAcceptedUntil)
    {
        if (_ownerOf.TryGetValue(session, out var owner))
        {
            owner.Generation = generation;
            owner.ExpiresAt = expiresAt;
            owner.PreviousAcceptedUntil = previousAcceptedUntil;
            _earliestDeadline = Math.Min(_earliestDeadline, Math.Min(expiresAt, previousAcceptedUntil));
        }
    }

    /// <summary>
    /// What is due at <paramref name="now"/>: a <see cref="HandshakeTimedOut"/> for each session still waiting for its
    /// Finish past its deadline, a <see cref="GenerationExpired"/> for each whose current generation ran out, a
    /// <see cref="PreviousGenerationExpired"/> for each whose client's previous generation did. Each is given once. One
    /// pass over the sessions, in place of a scheduler registration per session and deadline (about 230 B each, and a
    /// cancelled one stays in the scheduler until its time).
    /// </summary>
    /// <remarks>
    /// The pass is skipped while <paramref name="now"/> is before the earliest deadline set since the last one, so an idle
    /// server's sweep costs nothing per session until a generation nears <c>reject-after</c>.
    /// </remarks>
    public IEnumerable<(IActorRef Session, object Message)> TakeDue(long now)
    {
        if (now < _earliestDeadline)
        {
            yield break;
        }
        var earliestLeft = long.MaxValue;
        foreach (var (session, owner) in _ownerOf)
        {
            if (owner.ExpiresAt <= now)
            {
                owner.ExpiresAt = long.MaxValue;
                yield return (session, _pending.ContainsKey(session) ? HandshakeTimedOut.Instance : new GenerationExpired(owner.Generation));
            }
            if (owner.PreviousAcceptedUntil <= now)
            {
                owner.PreviousAcceptedUntil = long.MaxValue;
                yield return (session, new PreviousGenerationExpired(owner.Generation));
            }
            earliestLeft = Math.Min(earliestLeft, Math.Min(owner.ExpiresAt, owner.PreviousAcceptedUntil));
        }
        // The manager takes the whole pass in one message, so no deadline was set meanwhile.
        _earliestDeadline = earliestLeft;
    }

    /// <summary>Counts a stopped session out.</summary>
    /// <returns>Its client actor when that one has no session left (the manager then stops watching it); otherwise null.</returns>
    public IActorRef? Remove(IActorRef session)
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
            return RemoveFromClient(owner.Client, session) ? owner.Client : null;
        }
        return null;
    }

    /// <returns>True when <paramref name="client"/> has no session left.</returns>
    private bool RemoveFromClient(IActorRef client, IActorRef session)
    {
        switch (_sessionsOfClient.GetValueOrDefault(client))
        {
            case HashSet<IActorRef> several:
                several.Remove(session);
                if (several.Count == 1)
                {
                    _sessionsOfClient[client] = several.First();
                }
                return false;
            case IActorRef one when one.Equals(session):
                _sessionsOfClient.Remove(client);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// Whose a session is: what a revocation or a master key's retirement is checked against; and, once it is established,
/// when its key generation runs out (set by <see cref="SessionTable.GenerationStarted"/>, read by <see cref="SessionTable.TakeDue"/>).
/// </summary>
public sealed record SessionOwner(string ClientId, uint Epoch, ActorKeys.Protocol.Values.KeyId KeyId, IActorRef Client)
{
    public string KeyIdHex => Convert.ToHexStringLower(KeyId.Span);

    /// <summary>The session's current key generation.</summary>
    public uint Generation { get; internal set; }

    /// <summary>
    /// Until the Finish, when the handshake times out; then when <see cref="Generation"/> is <c>reject-after</c> old
    /// (<see cref="Stopwatch"/> ticks); <see cref="long.MaxValue"/> once told.
    /// </summary>
    public long ExpiresAt { get; internal set; } = long.MaxValue;

    /// <summary>When the client's generation before <see cref="Generation"/> stops being accepted; <see cref="long.MaxValue"/> when there is none.</summary>
    public long PreviousAcceptedUntil { get; internal set; } = long.MaxValue;
}
