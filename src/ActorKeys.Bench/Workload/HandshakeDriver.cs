using Akka.Actor;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Bench.Workload;

/// <summary>
/// One benchmark client for the handshake and idle-session phases, doing what <c>ClientSession</c> does for a
/// connection (Hello by actor selection to the key authority, Challenge verified, Finish) with credentials loaded
/// once. In <see cref="HandshakeMode.Churn"/> it closes each session at once and starts the next; in
/// <see cref="HandshakeMode.Hold"/> it opens <c>target</c> sessions, watches them as a client does, and keeps them idle
/// until told to stop. Churn does not watch (a real client's one remote Watch per session is not in the handshake figure).
/// </summary>
public sealed class HandshakeDriver : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BusyBackoff = TimeSpan.FromMilliseconds(20);

    private readonly ClientCredentials _credentials;
    private readonly ActorSelection _authority;
    private readonly string _serverAddress;
    private readonly HandshakeMode _mode;
    private readonly int _target;
    private readonly PhaseStats _stats;
    private readonly List<(IActorRef Session, SecureChannel Channel)> _held = [];
    private ClientHandshake? _handshake;
    private bool _stopping;

    public HandshakeDriver(ClientCredentials credentials, string serverAddress, HandshakeMode mode, int target, PhaseStats stats)
    {
        _credentials = credentials;
        _serverAddress = serverAddress.TrimEnd('/');
        _authority = Context.ActorSelection(_serverAddress + "/user/key-authority");
        _mode = mode;
        _target = target;
        _stats = stats;
        Receive<Challenge>(OnChallenge);
        Receive<Rejected2>(_ =>
        {
            _stats.Failed();
            Timers.StartSingleTimer(Retry.Instance, Retry.Instance, BusyBackoff);
        });
        Receive<Retry>(_ => Next());
        Receive<ReceiveTimeout>(_ =>
        {
            _stats.Failed();
            Next();
        });
        // A held session that ended (the server stopped it): nothing to do, it is closed with the rest.
        Receive<Terminated>(_ => { });
        Receive<StopDriving>(_ =>
        {
            _stopping = true;
            if (_mode == HandshakeMode.Hold)
            {
                CloseHeld();
            }
            if (_handshake is null)
            {
                Finish();
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClientCredentials credentials, string serverAddress, HandshakeMode mode, int target, PhaseStats stats) =>
        Akka.Actor.Props.Create(() => new HandshakeDriver(credentials, serverAddress, mode, target, stats));

    protected override void PreStart()
    {
        _stats.Ready();
        Next();
    }

    private void Next()
    {
        _handshake?.Dispose();
        _handshake = null;
        if (_stopping || (_mode == HandshakeMode.Hold && _held.Count >= _target))
        {
            SetReceiveTimeout(null);
            if (_stopping)
            {
                Finish();
            }
            return;
        }
        _handshake = new ClientHandshake(_credentials, _serverAddress);
        var hello = _handshake.Start((ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), SystemRandomSource.Instance);
        _authority.Tell(hello, Self);
        SetReceiveTimeout(AnswerTimeout);
    }

    private void OnChallenge(Challenge challenge)
    {
        if (_handshake is null)
        {
            return;
        }
        Finish finish;
        SecureChannel channel;
        try
        {
            (finish, channel) = _handshake.HandleChallenge(challenge);
        }
        catch (HandshakeException)
        {
            _stats.Abort("The bench server did not prove its identity.");
            return;
        }
        Sender.Tell(finish, Self);
        // Counted before Done below: the last driver's Done lets the phase read the count at once, on another thread.
        _stats.Add();
        if (_mode == HandshakeMode.Churn)
        {
            Sender.Tell(channel.SealClose(CloseReason.Normal), Self);
            channel.Dispose();
        }
        else
        {
            // As ClientSession does: an idle session of a real client carries its client's remote watch, and that
            // watch's tables on the server are part of what an idle session costs.
            Context.Watch(Sender);
            _held.Add((Sender, channel));
            if (_held.Count == _target)
            {
                _stats.Done();
            }
        }
        Next();
    }

    private void CloseHeld()
    {
        foreach (var (session, channel) in _held)
        {
            session.Tell(channel.SealClose(CloseReason.Normal), Self);
            channel.Dispose();
        }
        _held.Clear();
    }

    private void Finish()
    {
        if (_mode == HandshakeMode.Churn)
        {
            _stats.Done();
        }
        Context.Stop(Self);
    }

    protected override void PostStop()
    {
        _handshake?.Dispose();
        CloseHeld();
    }

    private sealed class Retry
    {
        public static readonly Retry Instance = new();
    }
}

public enum HandshakeMode
{
    /// <summary>Handshake, close at once, again: handshakes per second.</summary>
    Churn,

    /// <summary>Open sessions and keep them idle: server memory per session.</summary>
    Hold,
}
