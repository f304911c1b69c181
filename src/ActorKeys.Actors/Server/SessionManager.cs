using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Inbound;
using ActorKeys.Actors.Supervision;
using ActorKeys.Actors.Telemetry;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Values;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Actors.Text;

namespace ActorKeys.Actors.Server;

/// <summary>
/// Parent of every <see cref="Session"/>, at <c>/user/sessions</c>. Starts one per accepted Hello while fewer than
/// <c>max-sessions</c> exist and the client holds fewer than <c>max-sessions-per-client</c> (else answers
/// <c>busy</c>), counts them in a <see cref="SessionTable"/> kept outside the instance, and stops — never restarts —
/// a session that fails, since a restarted session would have lost its keys. Sessions still waiting for their Finish
/// are bounded separately by <c>max-pending-handshakes</c>.
/// </summary>
public sealed class SessionManager : ReceiveActor
{
    public const string Name = "sessions";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ServerSettings _settings;
    private readonly IRandomSource _random;
    private readonly SessionTable _table;
    private readonly ServerMetrics _metrics;
    /// <summary>One Props for all sessions: each session learns its client from its <see cref="StartSession"/>.</summary>
    private readonly Props _sessionProps;

    /// <summary>
    /// The one timer for every session's deadlines: it wakes the manager at the table's earliest deadline, when it looks
    /// for handshakes that timed out and key generations that ran out (<see cref="SessionTable.TakeDue"/>) and sets the
    /// timer again for the next. A timer per session and deadline cost each session about 230 B and each handshake a
    /// timer to set and cancel; a sweep every 250 ms woke an idle server four times a second.
    /// </summary>
    private ICancelable? _sweep;
    /// <summary>The time <see cref="_sweep"/> is set for; <see cref="long.MaxValue"/> while none is set.</summary>
    private long _sweepSetFor = long.MaxValue;
    /// <summary>When the last pass over the sessions began (<see cref="Stopwatch"/> ticks).</summary>
    private long _lastPass;

    /// <summary>
    /// The least time between two passes over the sessions. Each rekey brings a deadline of its own (the client's previous
    /// generation), so 10,000 clients rekeying every 120 s would otherwise cost some 80 passes a second over 10,000
    /// sessions; with this, at most four, as the 250 ms sweep did, and a lone deadline still comes on time.
    /// </summary>
    public static readonly TimeSpan LeastTimeBetweenPasses = TimeSpan.FromMilliseconds(250);
    private static readonly long LeastPassGapTicks = Ticks(LeastTimeBetweenPasses);

    /// <summary><c>handshake-timeout</c> and <c>reject-after</c> in <see cref="Stopwatch"/> ticks, the table's unit.</summary>
    private readonly long _handshakeTimeoutTicks;
    private readonly long _rejectAfterTicks;

    public SessionManager(ServerSettings settings, IActorRef application, IRandomSource random, SessionTable table, ServerMetrics metrics,
        LifecycleHolder lifecycle)
    {
        _settings = settings;
        _random = random;
        _table = table;
        _metrics = metrics;
        _sessionProps = Session.Props(application, settings, random, metrics, lifecycle);
        _handshakeTimeoutTicks = Ticks(settings.HandshakeTimeout);
        _rejectAfterTicks = Ticks(settings.Rekey.RejectAfter);
        Receive<StartSession>(OnStartSession);
        Receive<HandshakeCompleted>(_ =>
        {
            _table.Established(Sender);
            StartGeneration(Sender, 0, rekey: false);
            PublishCounts();
        });
        Receive<GenerationStarted>(started => StartGeneration(Sender, started.Generation, rekey: true));
        Receive<SweepDeadlines>(_ =>
        {
            // Also when this one was already cancelled and replaced: the pass is harmless and the timer is set afresh.
            StopSweeping();
            _lastPass = Stopwatch.GetTimestamp();
            foreach (var (session, message) in _table.TakeDue(_lastPass))
            {
                session.Tell(message, Self);
            }
            SweepAtEarliestDeadline();
        });
        Receive<SessionActorStopped>(ended => Sender.Equals(ended.Session), ended =>
        {
            if (_table.Remove(ended.Session) is { } client)
            {
                Context.Unwatch(client);
            }
            if (_table.Count == 0)
            {
                StopSweeping();
            }
            PublishCounts();
        });
        // A client actor (or its whole system) is gone: each of its sessions ends, as it would on its own death watch.
        // A forged DeathWatchNotification can do this only by naming the client actor exactly (unguessable name and
        // uid). When each session watched its client, the session's unguessable name was needed as well; but both names
        // travel in clear on the edge's TCP, so only an on-path attacker learns either, and it can cut the link anyway.
        Receive<Terminated>(t =>
        {
            // Taken out of the index: a session started later for the same actor (its Hello was already on its way)
            // watches it again, and Akka answers that watch of a dead actor with another Terminated.
            foreach (var session in _table.TakeSessionsOfClient(t.ActorRef))
            {
                session.Tell(ClientGone.Instance, Self);
            }
        });
        Receive<GetSessionCount>(_ => Sender.Tell(new SessionCount(_table.Count)));
        Receive<EndRevokedSessions>(OnEndRevokedSessions);
        Receive<Core.EndAllSessions>(end =>
        {
            foreach (var (session, _) in _table.Sessions)
            {
                session.Tell(new EndSession(end.Reason), Self);
            }
        });
        Receive<RefusedWireMessage>(_ => { });
    }

    public static Props Props(ServerSettings settings, IActorRef application, ServerMetrics metrics, LifecycleHolder lifecycle,
        IRandomSource? random = null, SessionTable? table = null) =>
        Akka.Actor.Props.Create(() => new SessionManager(settings, application, random ?? SystemRandomSource.Instance, table ?? new SessionTable(),
            metrics, lifecycle));

    /// <summary>Tells every session whose client epoch or master key is no longer allowed to close (reason revoked).</summary>
    private void OnEndRevokedSessions(EndRevokedSessions end)
    {
        var ended = 0;
        foreach (var (session, owner) in _table.Sessions)
        {
            if (owner.Epoch < end.View.MinimumEpoch(owner.ClientId) || !end.AcceptedKeyIds.Contains(owner.KeyIdHex))
            {
                session.Tell(EndSession.Revoked, Self);
                ended++;
            }
        }
        if (ended > 0)
        {
            _log.Warning("Closing {0} sessions whose keys were revoked", ended);
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => KillResistant.StopOnFailure;

    protected override void PreStart()
    {
        // After a restart: the table (kept outside the instance) may still hold sessions whose deadlines need watching.
        if (_table.Count > 0)
        {
            SweepAtEarliestDeadline();
        }
    }

    protected override void PostStop() => StopSweeping();

    /// <summary>
    /// Sets the timer for the table's earliest deadline unless it is already set for that time or sooner: called after
    /// every change that can bring a deadline nearer. A server with no sessions has no timer of its own to wake it.
    /// </summary>
    private void SweepAtEarliestDeadline()
    {
        var at = Math.Max(_table.EarliestDeadline, _lastPass + LeastPassGapTicks);
        // No deadline at all gives long.MaxValue, never below _sweepSetFor: nothing to set.
        if (at >= _sweepSetFor || _table.Count == 0)
        {
            return;
        }
        _sweep?.Cancel();
        var delay = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
        // A millisecond more, so that rounding between the two clocks cannot wake it just before the deadline.
        delay = (delay > TimeSpan.Zero ? delay : TimeSpan.Zero) + TimeSpan.FromMilliseconds(1);
        _sweep = Context.System.Scheduler.ScheduleTellOnceCancelable(delay, Self, SweepDeadlines.Instance, Self);
        _sweepSetFor = at;
    }

    private void StopSweeping()
    {
        _sweep?.Cancel();
        _sweep = null;
        _sweepSetFor = long.MaxValue;
    }

    /// <summary>
    /// Times a session's new key generation: it expires <c>reject-after</c> from now, and after a rekey the client's
    /// previous one is accepted for <c>handshake-timeout</c> more. The manager's clock, read when the session's message
    /// arrives, so a session's generation ends late by that message's time in the mailbox and the manager's at its
    /// deadline, never early.
    /// </summary>
    private void StartGeneration(IActorRef session, uint generation, bool rekey)
    {
        var now = Stopwatch.GetTimestamp();
        _table.GenerationStarted(session, generation, now + _rejectAfterTicks, rekey ? now + _handshakeTimeoutTicks : long.MaxValue);
        SweepAtEarliestDeadline();
    }

    private static long Ticks(TimeSpan span) => (long)Math.Min(span.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);

    private void OnStartSession(StartSession start)
    {
        var clientId = start.Hello.ClientId;
        BusyLimit? limit = _table.Count >= _settings.MaxSessions ? BusyLimit.MaxSessions
            : _table.PendingCount >= _settings.MaxPendingHandshakes ? BusyLimit.MaxPendingHandshakes
            : _table.SessionsOf(clientId) >= _settings.MaxSessionsPerClient ? BusyLimit.MaxSessionsPerClient
            : null;
        string? refusal = limit is BusyLimit.MaxSessions or BusyLimit.MaxPendingHandshakes
            ? $"{_table.Count} sessions, {_table.PendingCount} of them pending, is the limit"
            : limit is BusyLimit.MaxSessionsPerClient
                ? $"it holds {_table.SessionsOf(clientId)} sessions (actorkeys.server.max-sessions-per-client)"
                : null;
        if (limit is { } refusedBy)
        {
            start.AccessKey.Dispose();
            _metrics.Busy(refusedBy);
            _metrics.Rejected(RejectReason.Busy);
            _log.Warning("Refused a session for client {0}: {1}", clientId, refusal);
            start.Client.Tell(new Rejected2(RejectReason.Busy, start.Hello.ClientNonce, RevocationProof.None), Self);
            return;
        }
        IActorRef session;
        try
        {
            // An unguessable name: a peer that could name a session could send it records and end it.
            var name = UnguessableName.From("s-", _random.NextBytes(UnguessableName.RandomBytes));
            session = Context.ActorOf(_sessionProps, name);
        }
        catch
        {
            start.AccessKey.Dispose();
            throw;
        }
        if (_table.Add(session, start, Stopwatch.GetTimestamp() + _handshakeTimeoutTicks))
        {
            Context.Watch(start.Client);
        }
        SweepAtEarliestDeadline();
        _metrics.HandshakeAccepted();
        PublishCounts();
        session.Tell(start);
    }

    private sealed class SweepDeadlines
    {
        public static readonly SweepDeadlines Instance = new();
    }

    private void PublishCounts() => _metrics.SetSessions(_table.Count, _table.PendingCount);

    protected override void PreRestart(Exception reason, object message)
    {
        // Keep the sessions (the default would stop every child) and the table: the next incarnation carries on, with
        // a sweep of its own (PreStart).
        StopSweeping();
    }

    protected override void PostRestart(Exception reason)
    {
        _table.Restarts.Increment();
        base.PostRestart(reason);
    }
}
