namespace ActorKeys.Actors.Telemetry;

/// <summary>Which budget made the server answer <c>busy</c>: the <c>actorkeys.limit</c> tag, named after its setting.</summary>
public enum BusyLimit
{
    /// <summary><c>actorkeys.server.handshake-limit</c>: this client id's successful handshakes per second.</summary>
    HandshakeLimit,

    /// <summary><c>actorkeys.server.replay-cache-size</c>: the replay cache is full of live entries.</summary>
    ReplayCacheSize,

    /// <summary><c>actorkeys.server.max-sessions</c>.</summary>
    MaxSessions,

    /// <summary><c>actorkeys.server.max-pending-handshakes</c>.</summary>
    MaxPendingHandshakes,

    /// <summary><c>actorkeys.server.max-sessions-per-client</c>.</summary>
    MaxSessionsPerClient,
}

public static class BusyLimitNames
{
    public static string Name(this BusyLimit limit) => limit switch
    {
        BusyLimit.HandshakeLimit => "handshake-limit",
        BusyLimit.ReplayCacheSize => "replay-cache-size",
        BusyLimit.MaxSessions => "max-sessions",
        BusyLimit.MaxPendingHandshakes => "max-pending-handshakes",
        BusyLimit.MaxSessionsPerClient => "max-sessions-per-client",
        _ => throw new ArgumentOutOfRangeException(nameof(limit)),
    };
}
