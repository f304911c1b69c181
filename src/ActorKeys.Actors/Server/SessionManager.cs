using System.Security.Cryptography;
using Akka.Actor;
using Akka.Event;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Supervision;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Actors.Server;

/// <summary>
/// Parent of every <see cref="Session"/>, at <c>/user/sessions</c>. Starts one per accepted Hello while fewer than
/// <c>max-sessions</c> exist (else answers <c>busy</c>), counts them, and stops — never restarts — a session
/// that fails, since a restarted session would have lost its keys. Sessions still waiting for their Finish are
/// bounded separately by <c>max-pending-handshakes</c>.
/// </summary>
public sealed class SessionManager : ReceiveActor
{
    public const string Name = "sessions";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ServerSettings _settings;
    private readonly IActorRef _application;
    private readonly IRandomSource _random;
    private readonly Guid _incarnation = Guid.NewGuid();
    private readonly HashSet<IActorRef> _pending = [];
    private int _count;

    public SessionManager(ServerSettings settings, IActorRef application, IRandomSource random)
    {
        _settings = settings;
        _application = application;
        _random = random;
        Receive<StartSession>(OnStartSession);
        Receive<HandshakeCompleted>(_ => _pending.Remove(Sender));
        Receive<Terminated>(t =>
        {
            _count--;
            _pending.Remove(t.ActorRef);
        });
        Receive<GetSessionCount>(_ => Sender.Tell(new SessionCount(_count)));
        Receive<GetIncarnation>(_ => Sender.Tell(new Incarnation(_incarnation)));
    }

    public static Props Props(ServerSettings settings, IActorRef application, IRandomSource? random = null) =>
        Akka.Actor.Props.Create(() => new SessionManager(settings, application, random ?? SystemRandomSource.Instance));

    protected override SupervisorStrategy SupervisorStrategy() => KillResistant.StopOnFailure;

    private void OnStartSession(StartSession start)
    {
        if (_count >= _settings.MaxSessions || _pending.Count >= _settings.MaxPendingHandshakes)
        {
            CryptographicOperations.ZeroMemory(start.AccessKey);
            _log.Warning("Refused a session for client {0}: {1} sessions, {2} of them pending, is the limit",
                start.Hello.ClientId, _count, _pending.Count);
            start.Client.Tell(new Rejected(RejectReason.Busy), Self);
            return;
        }
        // An unguessable name: a peer that could name a session could send it records and end it.
        var name = "s-" + Convert.ToHexStringLower(_random.NextBytes(16));
        IActorRef session;
        try
        {
            session = Context.ActorOf(Session.Props(start.Client, _application, _settings, _random), name);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(start.AccessKey);
            throw;
        }
        session.Tell(start);
        Context.Watch(session);
        _pending.Add(session);
        _count++;
    }
}
