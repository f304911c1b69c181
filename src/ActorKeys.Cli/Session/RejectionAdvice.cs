using ActorKeys.Protocol;

namespace ActorKeys.Cli.Session;

/// <summary>
/// What the client's user is told when the server rejects the handshake. The protocol only names the reason
/// (<see cref="RejectReasonText.ToWireName"/>); what a person should do about it is the command line's to say.
/// </summary>
public static class RejectionAdvice
{
    /// <summary>One sentence for a person: what happened and what to do.</summary>
    public static string Explain(this RejectReason reason) => reason switch
    {
        RejectReason.UnsupportedVersion => "The server does not speak this protocol version (unsupported-version); use a matching ActorKeys release.",
        RejectReason.WrongServer => "This keystore was issued by a different server (wrong-server); connect to the server that issued it or ask for a new keystore.",
        RejectReason.AuthenticationFailed => "The server did not accept this keystore's access key (authentication-failed); ask the server operator to provision this client again.",
        RejectReason.StaleOrReplayed => "The server rejected the connection as stale or replayed (stale-or-replayed); check that this machine's clock is correct and try again.",
        RejectReason.Busy => "The server is busy (busy); try again in a moment.",
        RejectReason.ProtocolViolation => "The server rejected a malformed handshake (protocol-violation); check the client id and use a matching ActorKeys release.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
