using Akka.Actor;
using Akka.Event;
using ActorKeys.Actors.Configuration;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol.Limits;

namespace ActorKeys.Actors.Server;

/// <summary>
/// The only holder of the master secret, at <c>/user/key-authority</c> (the one path remote peers may select).
/// It checks each Hello (no X25519 and no actor creation before the binder verifies), answers failures with a
/// bare <see cref="Rejected"/>, and asks the <see cref="SessionManager"/> for a session otherwise.
/// It owns the <see cref="MasterSecret"/> and zeroes it when it stops.
/// </summary>
public sealed class KeyAuthority : ReceiveActor
{
    public const string Name = "key-authority";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly MasterSecret _master;
    private readonly HelloVerifier _verifier;
    private readonly KeyedRateLimiter _failuresById;
    private readonly KeyedRateLimiter _failuresByAddress;
    private readonly KeyedRateLimiter _successesById;
    private readonly IActorRef _sessions;
    private readonly TimeProvider _time;
    private readonly Guid _incarnation = Guid.NewGuid();

    public KeyAuthority(MasterSecret master, IActorRef sessions, ServerSettings settings, TimeProvider time)
    {
        _master = master;
        _sessions = sessions;
        _time = time;
        _verifier = new HelloVerifier(master, new HelloVerifierOptions
        {
            MaxClockSkew = settings.MaxClockSkew,
            ReplayCacheCapacity = settings.ReplayCacheSize,
        });
        _failuresById = settings.FailedHandshakeLimit.NewLimiter();
        _failuresByAddress = settings.FailedHandshakeLimit.NewLimiter();
        _successesById = settings.HandshakeLimit.NewLimiter();
        Receive<Hello>(hello =>
        {
            try
            {
                OnHello(hello);
            }
            catch (Exception e)
            {
                // A restart would start a new replay cache and new limiters, reopening a replay window: the
                // Hello is dropped instead, and the error logged (without the Hello, which may be hostile).
                _log.Error("KeyAuthority could not handle a Hello ({0}); it was dropped", e.GetType().Name);
            }
        });
        Receive<GetIncarnation>(_ => Sender.Tell(new Incarnation(_incarnation)));
    }

    public static Props Props(MasterSecret master, IActorRef sessions, ServerSettings settings, TimeProvider? time = null) =>
        Akka.Actor.Props.Create(() => new KeyAuthority(master, sessions, settings, time ?? TimeProvider.System));

    private void OnHello(Hello hello)
    {
        var client = Sender;
        if (client.IsNobody())
        {
            return; // nobody to answer, and a session needs someone to talk to
        }
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        // Ids are attacker-chosen text: malformed ones share one bucket rather than each getting a fresh one.
        var idKey = ClientId.IsValid(hello.ClientId) ? hello.ClientId : "<malformed>";
        var addressKey = client.Path.Address.ToString();
        if (_failuresByAddress.IsLimited(addressKey, nowMs) || _failuresById.IsLimited(idKey, nowMs)
            || _successesById.IsLimited(idKey, nowMs))
        {
            // Debug, not warning: a flood must not become a flood of log lines.
            _log.Debug("Refused a Hello from {0}: too many handshakes", client.Path.Address);
            Reply(client, RejectReason.Busy, "too many handshakes");
            return;
        }
        var verdict = _verifier.Verify(hello, (ulong)nowMs);
        if (!verdict.Accepted)
        {
            _failuresByAddress.Charge(addressKey, nowMs);
            _failuresById.Charge(idKey, nowMs);
            var reason = verdict.Reason!.Value;
            // The id is logged only when well-formed: the log must not carry attacker-chosen text.
            _log.Warning("Rejected a Hello from {0} for client {1}: {2} ({3})", client.Path.Address, idKey, reason.ToWireName(), verdict.Detail);
            Reply(client, reason, verdict.Detail);
            return;
        }
        _successesById.Charge(idKey, nowMs);
        _sessions.Tell(new StartSession(hello, verdict.AccessKey!, client), Self);
    }

    private void Reply(IActorRef client, RejectReason reason, string detail)
    {
        Context.System.EventStream.Publish(new HelloRejected(reason, detail));
        client.Tell(new Rejected(reason), Self);
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // A restart keeps the master secret for the next incarnation; only a real stop zeroes it.
    }

    protected override void PostStop() => _master.Dispose();
}
