using Akka.Actor;
using Akka.Event;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Server;

// Local messages of the server's actors. None is bound to a serializer, so none can arrive from the wire.

/// <summary>KeyAuthority → SessionManager: a Hello passed every check; start its session. The manager owns <see cref="AccessKey"/>.</summary>
public sealed record StartSession(Hello Hello, SecretBytes AccessKey, IActorRef Client)
// The SessionManager keeps it until the Finish (SessionTable) so that the key is zeroed even if the session never reads it.
{
    public override string ToString() => $"StartSession({Hello.ClientId})";
}

/// <summary>Session → application actor: a client's decrypted message. Reply to the sender with <see cref="ReplyToClient"/>.</summary>
public sealed record ClientMessage(string ClientId, string Text);

/// <summary>Application actor → Session: text to seal and send back to that session's client.</summary>
public sealed record ReplyToClient(string Text);

/// <summary>
/// Session → SessionManager: the Finish verified; this session no longer counts as pending, and its key generation 0
/// began (the manager times it: <see cref="SessionTable.TakeDue"/>).
/// </summary>
public sealed record HandshakeCompleted
{
    public static readonly HandshakeCompleted Instance = new();
}

/// <summary>SessionManager → Session: no Finish came within <c>handshake-timeout</c> of the session's start.</summary>
public sealed record HandshakeTimedOut : IDeadLetterSuppression
{
    public static readonly HandshakeTimedOut Instance = new();
}

/// <summary>
/// Session → SessionManager: the session answered a rekey, so key generation <see cref="Generation"/> began and the
/// client's previous one is accepted for <c>handshake-timeout</c> more.
/// </summary>
public sealed record GenerationStarted(uint Generation) : IDeadLetterSuppression;

/// <summary>
/// SessionManager → Session: key generation <see cref="Generation"/> is <c>reject-after</c> old; if it is still the
/// session's current one, the session closes (reason expired). Told once per generation.
/// </summary>
public sealed record GenerationExpired(uint Generation) : IDeadLetterSuppression;

/// <summary>
/// SessionManager → Session: <c>handshake-timeout</c> has passed since generation <see cref="Generation"/> began; the
/// client's generation before it is no longer accepted.
/// </summary>
public sealed record PreviousGenerationExpired(uint Generation) : IDeadLetterSuppression;

/// <summary>
/// Session → SessionManager, from the session's PostStop: count it out. In place of the manager's death watch of every
/// session (a watched cell carries watch tables too; README, Performance). Not logged as a dead letter: at
/// shutdown the manager stops before its sessions.
/// </summary>
public sealed record SessionActorStopped(IActorRef Session) : IDeadLetterSuppression;

/// <summary>SessionManager → Session: the session's client actor is gone (the manager watches client actors for their sessions).</summary>
public sealed record ClientGone : IDeadLetterSuppression
{
    public static readonly ClientGone Instance = new();
}

/// <summary>Asks SessionManager how many sessions (pending or established) it holds; answered with <see cref="SessionCount"/>.</summary>
public sealed record GetSessionCount
{
    public static readonly GetSessionCount Instance = new();
}

public sealed record SessionCount(int Count);

/// <summary>Published on the server's event stream when a session's Finish verified.</summary>
public sealed record SessionEstablished(string ClientId, IActorRef Session);

/// <summary>Published on the server's event stream when a session stops, whatever the reason.</summary>
public sealed record SessionStopped(string ClientId, IActorRef Session, string Reason);

/// <summary>Published on the server's event stream for every refused Hello (the detail is for operators only).</summary>
public sealed record HelloRejected(RejectReason Reason, string Detail);

/// <summary>The readiness check → KeyAuthority: are you answering? It answers with the same message. Never from the wire.</summary>
public sealed record ReadinessProbe
{
    public static readonly ReadinessProbe Instance = new();
}

/// <summary>SessionManager → Session: close with this reason (a close record to the client) and stop.</summary>
public sealed record EndSession(ActorKeys.Protocol.Channel.CloseReason Reason)
{
    public static readonly EndSession Revoked = new(ActorKeys.Protocol.Channel.CloseReason.Revoked);
}
