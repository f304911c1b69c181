namespace ActorKeys.Protocol;

/// <summary>The only things a rejected peer is told (PROTOCOL.md → Rejections).</summary>
public enum RejectReason : byte
{
    UnsupportedVersion = 1,
    WrongServer = 2,
    AuthenticationFailed = 3,
    StaleOrReplayed = 4,
    Busy = 5,
    ProtocolViolation = 6,
    /// <summary>Version 2 only: the epoch of this keystore is below the client's minimum valid epoch. Carries a proof.</summary>
    Revoked = 7,
}

/// <summary>The reasons as the spec spells them; the sentences shown to a person are the command line's.</summary>
public static class RejectReasonText
{
    /// <summary>The spec's spelling, e.g. <c>wrong-server</c>.</summary>
    public static string ToWireName(this RejectReason reason) => reason switch
    {
        RejectReason.UnsupportedVersion => "unsupported-version",
        RejectReason.WrongServer => "wrong-server",
        RejectReason.AuthenticationFailed => "authentication-failed",
        RejectReason.StaleOrReplayed => "stale-or-replayed",
        RejectReason.Busy => "busy",
        RejectReason.ProtocolViolation => "protocol-violation",
        RejectReason.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
