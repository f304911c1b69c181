namespace ActorKeys.Actors.Telemetry;

/// <summary>
/// Why a server session ended, as a small fixed set: the <c>actorkeys.session.end_reason</c> tag and the reason in the
/// "Session ended" log line. The session's own stop reason is free text for tests and debugging; metrics and operator
/// logs must only ever carry one of these names.
/// </summary>
public enum SessionEndReason
{
    /// <summary>Stopped from outside: the server shutting down, or the session failed and its parent stopped it.</summary>
    Stopped,

    /// <summary>The client sent a <c>close</c> record.</summary>
    Closed,

    /// <summary>Death watch said the client actor (or its system, or the link to it) is gone.</summary>
    ClientGone,

    /// <summary>No Finish within <c>actorkeys.server.handshake-timeout</c>.</summary>
    Timeout,

    /// <summary>A record that did not open (tampered, replayed, malformed, oversized, or before the Finish).</summary>
    RefusedRecord,

    /// <summary>The handshake was refused (a Finish that did not verify, or a Hello the X25519 step refused).</summary>
    Rejected,

    /// <summary>A reply could not be sealed.</summary>
    Error,

    /// <summary>The client's epoch (or the master key it was issued under) was revoked while the session ran: close reason revoked.</summary>
    Revoked,

    /// <summary>The key generation grew older than <c>actorkeys.reject-after</c> without a rekey: close reason expired.</summary>
    Expired,
}

public static class SessionEndReasonNames
{
    /// <summary>The tag value and log word: lowercase, dash-separated, like the rejection reasons on the wire.</summary>
    public static string Name(this SessionEndReason reason) => reason switch
    {
        SessionEndReason.Stopped => "stopped",
        SessionEndReason.Closed => "closed",
        SessionEndReason.ClientGone => "client-gone",
        SessionEndReason.Timeout => "timeout",
        SessionEndReason.RefusedRecord => "refused-record",
        SessionEndReason.Rejected => "rejected",
        SessionEndReason.Error => "error",
        SessionEndReason.Revoked => "revoked",
        SessionEndReason.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
