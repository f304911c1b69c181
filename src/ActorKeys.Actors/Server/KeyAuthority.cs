using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using ActorKeys.Actors.Inbound;
using ActorKeys.Actors.Telemetry;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Values;

namespace ActorKeys.Actors.Server;

/// <summary>
/// The only holder of the master secret, at <c>/user/key-authority</c> (the one path remote peers may select for
/// anything but heartbeats). It checks each Hello (no X25519 and no actor creation before the binder verifies),
/// answers failures with a bare <see cref="Rejected"/>, and asks the <see cref="SessionManager"/> for a session
/// otherwise. Its memory (replay cache, budgets) is a <see cref="KeyAuthorityState"/> held outside the instance; it
/// zeroes the master secret when it stops.
/// </summary>
/// <remarks>
/// The binder (two BLAKE2b calls) is always checked: budgets bound only what follows a failure (the reply and the
/// log line), never whether a Hello that proves its key is heard. A flood under other senders' names cannot keep a
/// legitimate client out.
/// </remarks>
public sealed class KeyAuthority : ReceiveActor, IWithTimers
{
    public const string Name = "key-authority";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly KeyAuthorityState _state;
    private readonly IActorRef _sessions;
    private readonly ServerMetrics _metrics;

    /// <param name="minter">Set where keystores are issued (the command line's local system): answers <see cref="MintCredentials"/>.</param>
    public KeyAuthority(KeyAuthorityState state, IActorRef sessions, ServerMetrics metrics, CredentialMinter? minter = null)
    {
        _state = state;
        _sessions = sessions;
        _metrics = metrics;
        Receive<Hello>(hello => Guarded(() => OnHello(hello)));
        // The readiness check's question: local only (no serializer is bound to it, so no peer can send it).
        Receive<ReadinessProbe>(_ => Sender.Tell(ReadinessProbe.Instance));
        // A Hello of another protocol version: answered in the version-1 layout, which every version can read.
        Receive<RefusedWireMessage>(r => r.IsOtherVersionHello, _ => Guarded(() =>
            Fail(Sender, "<other version>", new Rejected(RejectReason.UnsupportedVersion), "another protocol version")));
        // A frame that claimed to be a Hello and did not decode (an id of 0 or over 64 bytes, bad UTF-8, wrong lengths): no
        // nonce can be read from it, so the answer names none (all zero) and no client takes it as its own.
        Receive<RefusedWireMessage>(r => r.Ak1Manifest == "H", _ => Guarded(() =>
            Fail(Sender, "<malformed>", new Rejected2(RejectReason.ProtocolViolation, default, RevocationProof.None), "malformed Hello")));
        Receive<LifecycleChanged>(changed => OnLifecycleChanged(_state.LocalView = changed.View, _state.ReplicatedView));
        Receive<Registry.RegistryChanged>(changed => OnLifecycleChanged(_state.LocalView = LifecycleView.From(changed.Snapshot), _state.ReplicatedView));
        Receive<Core.ReplicatedLifecycle>(replicated =>
        {
            OnLifecycleChanged(_state.LocalView, _state.ReplicatedView = replicated.View);
            // This node's registry records what the cluster revoked, for its own listing (the watcher writes it).
            Context.System.EventStream.Publish(new Registry.ReplicatedMinimums(replicated.View.MinimumEpochs));
        });
        Receive<Core.NodeMembership>(membership => _state.Serving = membership.Serving);
        Receive<RefusedWireMessage>(_ => { });
        Receive<AssociatedEvent>(e => _state.ConnectedAddresses.Add(e.RemoteAddress));
        Receive<DisassociatedEvent>(e => _state.ConnectedAddresses.Remove(e.RemoteAddress));
        Receive<RecheckDeferred>(_ => OnRecheckDeferred());
        // Local only, like ReadinessProbe: MintCredentials has no serializer binding, so no peer can send it.
        Receive<MintCredentials>(_ => minter is not null, request => Sender.Tell(minter!.Mint(request)));
    }

    public static Props Props(KeyAuthorityState state, IActorRef sessions, ServerMetrics metrics, CredentialMinter? minter = null) =>
        Akka.Actor.Props.Create(() => new KeyAuthority(state, sessions, metrics, minter));

    private void Guarded(Action handle)
    {
        try
        {
            handle();
        }
        catch (Exception e)
        {
            // Never a restart on a bad Hello: the Hello is dropped and the error logged (without the Hello, which may be hostile).
            _log.Error("KeyAuthority could not handle a Hello ({0}); it was dropped", e.GetType().Name);
        }
    }

    private void OnHello(Hello hello)
    {
        var client = Sender;
        if (client.IsNobody())
        {
            return; // nobody to answer, and a session needs someone to talk to
        }
        if (!_state.Serving)
        {
            // Out of its cluster: the client should go to another node. Budgeted like any failure, before any key work.
            Fail(client, "<any>", new Rejected2(RejectReason.Busy, hello.ClientNonce, RevocationProof.None), "this node is not in its cluster");
            return;
        }
        var nowMs = _state.Clock.NowMs;
        var overHandshakeLimit = false;
        var verdict = _state.Verifier.Verify(hello, (ulong)nowMs, id => !(overHandshakeLimit = _state.SuccessesById.IsLimited(id, nowMs)));
        _metrics.SetReplayCache(_state.Verifier.ReplayCacheCount, _state.Verifier.ReplayCacheBytes);
        if (!verdict.Accepted)
        {
            if (verdict.Reason == RejectReason.Busy)
            {
                // The verifier says busy for two budgets only: this id's handshake rate, or a full replay cache.
                _metrics.Busy(overHandshakeLimit ? BusyLimit.HandshakeLimit : BusyLimit.ReplayCacheSize);
            }
            // The id is logged only when well-formed: the log must not carry attacker-chosen text.
            Fail(client, ClientId.IsValid(hello.ClientId) ? hello.ClientId : "<malformed>",
                new Rejected2(verdict.Reason!.Value, hello.ClientNonce, verdict.Proof), verdict.Detail);
            return;
        }
        _state.SuccessesById.Charge(hello.ClientId, nowMs);
        _sessions.Tell(new StartSession(hello, verdict.AccessKey!, client), Self);
    }

    /// <summary>
    /// Answers a failed Hello within the budgets: per sender address (a hint, since the sender writes it) and for the
    /// whole server. Over budget the Hello is dropped unanswered; log lines have a budget of their own.
    /// </summary>
    private void Fail(IActorRef client, string clientId, IAk1Message answer, string detail)
    {
        var reason = answer switch
        {
            Rejected2 r => r.Reason,
            Rejected r => r.Reason,
            _ => throw new ArgumentException("Only a rejection answers a failed Hello.", nameof(answer)),
        };
        var nowMs = _state.Clock.NowMs;
        _metrics.Rejected(reason);
        Context.System.EventStream.Publish(new HelloRejected(reason, detail));
        if (_state.RejectionLogLines.TryTake(nowMs, out var suppressed))
        {
            if (suppressed > 0)
            {
                _log.Warning("Suppressed {0} rejections (over actorkeys.server.rejection-budget.log-lines-per-second)", suppressed);
            }
            // The address is written by the sender: escaped, so it cannot forge log lines.
            _log.Warning("Rejected a Hello from {0} for client {1}: {2} ({3})", Text.Printable.Escape(client.Path.Address.ToString()), clientId,
                reason.ToWireName(), detail);
        }
        if (client.IsNobody())
        {
            return;
        }
        if (_state.ConnectedAddresses.Contains(client.Path.Address))
        {
            Answer(client, answer, nowMs);
        }
        else if (_state.Deferred.Count < KeyAuthorityState.MaxDeferred)
        {
            _state.Deferred.Enqueue((client, answer, nowMs));
            ScheduleRecheck();
        }
        else
        {
            _metrics.RejectionUnanswered();
        }
    }

    private void Answer(IActorRef client, IAk1Message answer, long nowMs)
    {
        var address = client.Path.Address.ToString();
        if (_state.FailuresByAddress.IsLimited(address, nowMs) || !_state.RejectionReplies.TryTake(nowMs, out _))
        {
            _metrics.RejectionUnanswered();
            return;
        }
        _state.FailuresByAddress.Charge(address, nowMs);
        client.Tell(answer, Self);
    }

    /// <summary>How long a failed Hello waits for its sender's association to be announced before it is dropped.</summary>
    public static readonly TimeSpan AssociationGrace = TimeSpan.FromMilliseconds(250);

    private const string RecheckTimer = "recheck-deferred";

    public ITimerScheduler Timers { get; set; } = null!;

    private void ScheduleRecheck()
    {
        if (!Timers.IsTimerActive(RecheckTimer))
        {
            Timers.StartSingleTimer(RecheckTimer, RecheckDeferred.Instance, AssociationGrace);
        }
    }

    private void OnRecheckDeferred()
    {
        var nowMs = _state.Clock.NowMs;
        while (_state.Deferred.TryPeek(out var deferred))
        {
            var known = _state.ConnectedAddresses.Contains(deferred.Client.Path.Address);
            if (!known && nowMs - deferred.AtMs < (long)AssociationGrace.TotalMilliseconds)
            {
                ScheduleRecheck(); // the oldest still has time: look again later
                return;
            }
            _state.Deferred.Dequeue();
            if (known)
            {
                Answer(deferred.Client, deferred.Answer, nowMs);
            }
            else
            {
                _metrics.RejectionUnanswered();
            }
        }
    }

    protected override void PreStart()
    {
        // Only a TCP handshake proves an address (see KeyAuthorityState.ConnectedAddresses).
        Context.System.EventStream.Subscribe(Self, typeof(AssociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
    }

    private sealed class RecheckDeferred
    {
        public static readonly RecheckDeferred Instance = new();
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // The state and the master secret belong to the next incarnation; only a real stop zeroes the secret.
    }

    protected override void PostRestart(Exception reason)
    {
        _state.Restarts.Increment();
        base.PostRestart(reason);
    }

    /// <summary>
    /// Applies a new lifecycle (see <see cref="KeyAuthorityState.Apply"/>) and has the session manager close the sessions
    /// it no longer allows.
    /// </summary>
    private void OnLifecycleChanged(LifecycleView local, LifecycleView replicated)
    {
        var (revocations, problems) = _state.Apply(LifecycleView.Merge(local, replicated));
        foreach (var problem in problems)
        {
            _log.Warning("Registry change not fully applied: {0}", problem);
        }
        if (revocations > 0)
        {
            _metrics.RevocationsApplied(revocations);
            // The view as applied (never a step back), not as received.
            var applied = _state.Lifecycle.Current;
            _sessions.Tell(new EndRevokedSessions(applied.View, applied.AcceptedKeyIds), Self);
        }
    }

    protected override void PostStop() => _state.Ring.Dispose();
}
