using ActorKeys.Bench.Plain;
using ActorKeys.Actors.Logging;

namespace ActorKeys.Bench;

/// <summary>The HOCON of the bench's server and client systems: loopback, a free port, and limits a load test needs.</summary>
public static class BenchHocon
{
    public const string ServerSystem = "actorkeys-bench-server";

    public static string ClientId(int index) => $"bench-{index}";

    private static readonly string Common = $"""
        akka.loglevel = WARNING
        akka.loggers = ["{StandardErrorLogger.TypeName}"]
        akka.stdout-loglevel = OFF
        akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
        akka.remote.dot-netty.tcp.port = 0
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        # Two shared cores at full load can delay heartbeats for seconds: that is the load, not a lost peer.
        akka.remote.watch-failure-detector.acceptable-heartbeat-pause = 60s
        akka.remote.transport-failure-detector.acceptable-heartbeat-pause = 120s
        # Up to 100,000 idle sessions, each with its own client actor, share one association here: a remote Watch each
        # way per session would overflow Akka's default buffer of 20,000 unacknowledged system messages (and Akka then
        # quarantines the link). Real clients are one per system; this is the bench packing them into one.
        akka.remote.system-message-buffer-size = 250000
        # For the same reason: Akka.Remote sends a system message at once only while at most resend-limit (200) are
        # unacknowledged on the association; the rest wait for its resend timer, resend-limit every resend-interval (2 s).
        # The handshake phase alone makes a remote Watch and Unwatch per handshake, thousands a second on this one link,
        # and the later phases measured the queue and its resending (8,000 still queued in the idle phase with a limit of
        # 1,000). With a link per client, as real clients have, nothing would wait: so nothing waits here either. Every
        # resend-interval the unacknowledged ones are sent again, as they would be on separate links.
        akka.remote.resend-limit = 250000
        {PlainSerializer.Hocon}
        """;

    /// <summary>
    /// Room for the idle sessions; a replay cache that a few seconds of handshakes cannot fill within a short skew
    /// window (both processes share this machine's clock); no per-id handshake limit, since each bench client
    /// handshakes in a loop on purpose; and the plaintext baseline's gateway open to selection. The README's
    /// Performance section lists these settings.
    /// </summary>
    public static string Server(int idleSessions) => $"""
        {Common}
        actorkeys.server.system-name = "{ServerSystem}"
        actorkeys.server.max-sessions = {idleSessions + 1000}
        actorkeys.server.max-clock-skew = 30s
        actorkeys.server.replay-cache-size = 2000000
        actorkeys.server.handshake-limit.per-second = 1000000
        actorkeys.server.handshake-limit.burst = 1000000
        actorkeys.server.max-sessions-per-client = {idleSessions + 1000}
        akka.remote.untrusted-mode = on
        akka.remote.trusted-selection-paths = ["/user/key-authority", "/system/remote-watcher", "/user/{PlainGateway.Name}"]
        """;

    public static string Client(string serverAddress) => $"""
        {Common}
        actorkeys.client.server-address = "{serverAddress}"
        """;
}
