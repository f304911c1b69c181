using System.Diagnostics;
using Akka.Actor;
using ActorKeys.Actors.Client;

namespace ActorKeys.Bench.Workload;

/// <summary>
/// One benchmark client for the echo phases: starts its session actor (a real <see cref="ClientSession"/> or the
/// plaintext <c>PlainClient</c>) with itself as listener, keeps <c>window</c> messages in flight, and counts each
/// echo. With a window of one it also times every round trip.
/// </summary>
public sealed class EchoDriver : ReceiveActor
{
    private readonly Func<IActorRef, Props> _session;
    private readonly string _payload;
    private readonly int _window;
    private readonly PhaseStats _stats;
    private readonly bool _timeEach;
    private readonly List<double> _latencies = [];
    private IActorRef _child = ActorRefs.Nobody;
    private long _sentAt;
    private bool _stopping;
    private bool _reported;

    public EchoDriver(Func<IActorRef, Props> session, string payload, int window, PhaseStats stats)
    {
        _session = session;
        _payload = payload;
        _window = window;
        _stats = stats;
        _timeEach = window == 1;
        Receive<SessionKeyVerified>(_ =>
        {
            _stats.Ready();
            for (var i = 0; i < _window; i++)
            {
                SendOne();
            }
        });
        Receive<MessageReceived>(_ =>
        {
            if (_timeEach && _stats.Counting)
            {
                _latencies.Add(Stopwatch.GetElapsedTime(_sentAt).TotalMicroseconds);
            }
            _stats.Add();
            if (!_stopping)
            {
                SendOne();
            }
        });
        Receive<StopDriving>(_ =>
        {
            _stopping = true;
            _child.Tell(Disconnect.Instance);
        });
        Receive<SessionEnded>(_ => Finish());
        Receive<IClientEvent>(e =>
        {
            _stats.Abort($"A benchmark client's session failed ({e.GetType().Name}).");
            Finish();
        });
    }

    public static Props Props(Func<IActorRef, Props> session, string payload, int window, PhaseStats stats) =>
        Akka.Actor.Props.Create(() => new EchoDriver(session, payload, window, stats));

    protected override void PreStart() => _child = Context.ActorOf(_session(Self), "session");

    private void SendOne()
    {
        _sentAt = Stopwatch.GetTimestamp();
        _child.Tell(new Send(_payload));
    }

    private void Finish()
    {
        if (!_reported)
        {
            _reported = true;
            _stats.LatencyMicros.Enqueue([.. _latencies]);
            _stats.Done();
        }
        Context.Stop(Self);
    }
}
