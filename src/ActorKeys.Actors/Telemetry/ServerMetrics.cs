using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorKeys.Protocol;

namespace ActorKeys.Actors.Telemetry;

/// <summary>
/// The server's instruments, on one <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/>,
/// created once per server system (a DI singleton made from the host's <see cref="IMeterFactory"/>, so the host
/// disposes it) and handed to the three core actors. <c>dotnet-counters monitor --counters ActorKeys</c> and
/// OpenTelemetry's <c>AddMeter("ActorKeys")</c> find it by name; a test process running several servers tells them
/// apart by <see cref="Meter"/> instance (<c>instrument.Meter == metrics.Meter</c>).
/// </summary>
/// <remarks>
/// Tag values come only from fixed sets (rejection reasons as the spec spells them, <see cref="BusyLimit"/>,
/// <see cref="SessionEndReason"/>, the session state): never a client id, an address or anything a peer wrote, so a
/// stranger can neither inflate the number of series nor put text into an operator's dashboard. Each tag is a
/// prebuilt <see cref="KeyValuePair{TKey,TValue}"/>, so no measurement allocates. The record counters, on the hot path,
/// carry no tag at all. The gauges read numbers the actors publish with volatile writes: the actors' own tables are
/// not safe to read from the collector's thread.
/// </remarks>
public sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "ActorKeys";

    private readonly Counter<long> _handshakes;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _busy;
    private readonly Counter<long> _unanswered;
    private readonly Histogram<double> _handshakeDuration;
    private readonly Counter<long> _established;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _sealed;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _rekeys;
    private readonly Counter<long> _revocations;
    private int _sessions;
    private int _pendingSessions;
    private int _replayCacheEntries;
    private long _replayCacheBytes;

    public ServerMetrics(IMeterFactory? factory = null)
    {
        var options = new MeterOptions(MeterName) { Version = typeof(ServerMetrics).Assembly.GetName().Version?.ToString() };
        Meter = factory?.Create(options) ?? new Meter(options);
        _handshakes = Meter.CreateCounter<long>("actorkeys.handshakes.accepted", "{handshake}",
            "Hellos that passed every check and got a session (a Challenge follows).");
        _rejections = Meter.CreateCounter<long>("actorkeys.handshakes.rejected", "{handshake}",
            "Handshakes refused, by actorkeys.rejection.reason (the spec's reason names), whether or not the answer was sent.");
        _busy = Meter.CreateCounter<long>("actorkeys.handshakes.busy", "{handshake}",
            "Handshakes refused 'busy' (also counted in actorkeys.handshakes.rejected), by actorkeys.limit: the setting that refused them.");
        _unanswered = Meter.CreateCounter<long>("actorkeys.handshakes.unanswered", "{handshake}",
            "Refused Hellos left unanswered because the rejection budgets (per sender address, per server) were spent.");
        _handshakeDuration = Meter.CreateHistogram("actorkeys.handshake.duration", "s",
            "From the session's start (Hello accepted) to its verified Finish: X25519, the Challenge's round trip and key confirmation.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _established = Meter.CreateCounter<long>("actorkeys.sessions.established", "{session}",
            "Sessions whose Finish verified.");
        _ended = Meter.CreateCounter<long>("actorkeys.sessions.ended", "{session}",
            "Sessions that stopped, established or not, by actorkeys.session.end_reason.");
        Meter.CreateObservableGauge("actorkeys.sessions.active", ObserveSessions, "{session}",
            "Sessions held now, by actorkeys.session.state (pending: waiting for the Finish; established).");
        _sealed = Meter.CreateCounter<long>("actorkeys.records.sealed", "{record}", "Records sealed and sent to clients.");
        _opened = Meter.CreateCounter<long>("actorkeys.records.opened", "{record}", "Records from clients that opened (authenticated and in order).");
        _rekeys = Meter.CreateCounter<long>("actorkeys.rekeys", "{rekey}",
            "Rekeys answered: a fresh X25519 exchange that moved a session to its next key generation.");
        _revocations = Meter.CreateCounter<long>("actorkeys.revocations.applied", "{change}",
            "Registry changes applied by this server that revoke something: a client's minimum valid epoch raised, or a master key retired.");
        Meter.CreateObservableGauge("actorkeys.replay_cache.entries", () => Volatile.Read(ref _replayCacheEntries), "{entry}",
            "Client nonces held against replay (at most actorkeys.server.replay-cache-size), as of the last Hello.");
        Meter.CreateObservableGauge("actorkeys.replay_cache.bytes", () => Interlocked.Read(ref _replayCacheBytes), "By",
            "Memory the replay cache's tables hold, as of the last Hello: they grow by doubling with the most nonces held at once, and keep that size.");
    }

    /// <summary>The meter of this server system. Several servers in one process have one each, all named <see cref="MeterName"/>.</summary>
    public Meter Meter { get; }

    public void HandshakeAccepted() => _handshakes.Add(1);

    public void Rejected(RejectReason reason) => _rejections.Add(1, Tags.Reason[(int)reason]);

    /// <summary>Which limit a <c>busy</c> answer came from; the caller counts the rejection itself with <see cref="Rejected"/>.</summary>
    public void Busy(BusyLimit limit) => _busy.Add(1, Tags.Limit[(int)limit]);

    public void RejectionUnanswered() => _unanswered.Add(1);

    /// <param name="startedAt">The session's start, from <see cref="Stopwatch.GetTimestamp"/>.</param>
    public void SessionEstablished(long startedAt)
    {
        _established.Add(1);
        _handshakeDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
    }

    public void SessionEnded(SessionEndReason reason) => _ended.Add(1, Tags.EndReason[(int)reason]);

    public void RecordSealed() => _sealed.Add(1);

    public void RecordOpened() => _opened.Add(1);

    public void Rekeyed() => _rekeys.Add(1);

    public void RevocationsApplied(int count) => _revocations.Add(count);

    /// <summary>Called by the SessionManager after each change of its table.</summary>
    public void SetSessions(int all, int pending)
    {
        Volatile.Write(ref _sessions, all);
        Volatile.Write(ref _pendingSessions, pending);
    }

    /// <summary>Called by the KeyAuthority after each Hello it verified (entries change only then).</summary>
    public void SetReplayCache(int entries, long bytes)
    {
        Volatile.Write(ref _replayCacheEntries, entries);
        Interlocked.Exchange(ref _replayCacheBytes, bytes);
    }

    /// <summary>The replay cache's tables in bytes, as of the last Hello (the <c>actorkeys.replay_cache.bytes</c> gauge).</summary>
    public long ReplayCacheBytes => Interlocked.Read(ref _replayCacheBytes);

    private IEnumerable<Measurement<int>> ObserveSessions()
    {
        var all = Volatile.Read(ref _sessions);
        var pending = Volatile.Read(ref _pendingSessions);
        return [new(pending, Tags.Pending), new(Math.Max(0, all - pending), Tags.Established)];
    }

    public void Dispose() => Meter.Dispose();

    /// <summary>Every tag value there can be, built once.</summary>
    private static class Tags
    {
        public static readonly KeyValuePair<string, object?>[] Reason = Enumerable.Range(0, 8)
            .Select(i => new KeyValuePair<string, object?>("actorkeys.rejection.reason", Enum.IsDefined((RejectReason)i) ? ((RejectReason)i).ToWireName() : "unknown"))
            .ToArray();

        public static readonly KeyValuePair<string, object?>[] Limit = Enum.GetValues<BusyLimit>()
            .Select(l => new KeyValuePair<string, object?>("actorkeys.limit", l.Name())).ToArray();

        public static readonly KeyValuePair<string, object?>[] EndReason = Enum.GetValues<SessionEndReason>()
            .Select(r => new KeyValuePair<string, object?>("actorkeys.session.end_reason", r.Name())).ToArray();

        public static readonly KeyValuePair<string, object?>[] Pending = [new("actorkeys.session.state", "pending")];
        public static readonly KeyValuePair<string, object?>[] Established = [new("actorkeys.session.state", "established")];
    }
}
