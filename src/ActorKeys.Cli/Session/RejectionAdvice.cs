using ActorKeys.Protocol;
using ActorKeys.Cli.Text;

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
        RejectReason.UnsupportedVersion => Strings.RejectUnsupportedVersion,
        RejectReason.WrongServer => Strings.RejectWrongServer,
        RejectReason.AuthenticationFailed => Strings.RejectAuthenticationFailed,
        RejectReason.StaleOrReplayed => Strings.RejectStaleOrReplayed,
        RejectReason.Busy => Strings.RejectBusy,
        RejectReason.ProtocolViolation => Strings.RejectProtocolViolation,
        // A proven revocation reaches the user as AccessRevoked; one whose proof failed is treated as authentication-failed.
        RejectReason.Revoked => Strings.RejectAuthenticationFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
