using Akka.Actor;
using Akka.Event;

namespace ActorKeys.Actors.Registry;

/// <summary>
/// Owns the server's open <see cref="RegistryStore"/>. Every poll interval it asks <see cref="RegistryStore.DataVersion"/>
/// (one pragma, nothing else while idle); when another process committed a change it reads a new
/// <see cref="RegistrySnapshot"/> and tells <see cref="RegistryChanged"/> to each subscriber given in its props. A read
/// that fails (the file damaged while the server runs) is logged once at error level and the last good snapshot stays:
/// the server keeps enforcing what it knew rather than crashing or accepting everything. It also writes the last-seen
/// times of <see cref="ClientSeen"/> in batches, at most once a minute per id.
/// </summary>
public sealed class RegistryWatcher : ReceiveActor, IWithTimers
{
    public const string Name = "registry-watcher";

    /// <summary>How often last-seen times are written, and the least time between two writes of one id.</summary>
    public static readonly TimeSpan LastSeenInterval = TimeSpan.FromMinutes(1);

    private const string PollTimer = "poll";
    private const string FlushTimer = "flush-last-seen";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RegistryStore _store;
    /// <summary>The file the open connection reads: a path given another file (a rename over it) is noticed and reopened.</summary>
    private KeyStore.FileIdentity? _identity;
    private readonly IReadOnlyList<IActorRef> _subscribers;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly LastSeenBatch _lastSeen = new(LastSeenInterval);
    private RegistrySnapshot _snapshot;
    private bool _failing;

    /// <param name="store">Taken over: the watcher disposes it when it stops.</param>
    /// <param name="initial">The snapshot the server started with (read from <paramref name="store"/>).</param>
    public RegistryWatcher(RegistryStore store, RegistrySnapshot initial, IReadOnlyList<IActorRef> subscribers, TimeSpan pollInterval,
        TimeProvider time)
    {
        _store = store;
        _identity = KeyStore.FileIdentity.Of(store.Path);
        _snapshot = initial;
        _subscribers = subscribers;
        _pollInterval = pollInterval;
        _time = time;
        Receive<Poll>(_ => OnPoll());
        Receive<ClientSeen>(seen => _lastSeen.Seen(seen.ClientId, _time.GetUtcNow()));
        // Published by every session whose Finish verified (the hosting subscribes this watcher to the event stream).
        Receive<Server.SessionEstablished>(e => _lastSeen.Seen(e.ClientId, _time.GetUtcNow()));
        Receive<FlushLastSeen>(_ => Flush());
        Receive<ReplicatedMinimums>(replicated => Adopt(replicated.Minimums));
        Receive<GetRegistrySnapshot>(_ => Sender.Tell(new RegistryChanged(_snapshot)));
    }

    public static Props Props(RegistryStore store, RegistrySnapshot initial, IReadOnlyList<IActorRef> subscribers, TimeSpan pollInterval,
        TimeProvider? time = null) =>
        Akka.Actor.Props.Create(() => new RegistryWatcher(store, initial, subscribers, pollInterval, time ?? TimeProvider.System));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(PollTimer, Poll.Instance, _pollInterval);
        Timers.StartPeriodicTimer(FlushTimer, FlushLastSeen.Instance, LastSeenInterval);
    }

    private void OnPoll()
    {
        try
        {
            ReopenIfReplaced();
            if (_store.DataVersion() == _snapshot.DataVersion)
            {
                return;
            }
            var snapshot = _store.ReadSnapshot();
            _snapshot = snapshot;
            if (_failing)
            {
                _failing = false;
                _log.Warning("The registry {0} reads again; its changes apply from now on", _store.Path);
            }
            foreach (var subscriber in _subscribers)
            {
                subscriber.Tell(new RegistryChanged(snapshot), Self);
            }
        }
        catch (Exception e)
        {
            if (!_failing)
            {
                _failing = true;
                _log.Error("The registry {0} could not be read ({1}); the server keeps the last registry it read", _store.Path, e.Message);
            }
        }
    }

    /// <summary>
    /// A registry replaced by a rename (a restored backup, a copy) leaves this connection on the old, unlinked file, where no
    /// later command writes: every revocation would be missed without a word. The new file is opened with every check of a
    /// first open, and read at once; what it would lower, the key authority refuses (it never steps back).
    /// </summary>
    private void ReopenIfReplaced()
    {
        var now = KeyStore.FileIdentity.Of(_store.Path);
        if (now is null || now == _identity)
        {
            return;
        }
        var reopened = RegistryStore.Open(_store.Path, _time);
        _log.Warning("The registry {0} was replaced by another file while the server ran; reading the new one from now on", _store.Path);
        _store.Dispose();
        _store = reopened;
        _identity = now;
        _snapshot = new RegistrySnapshot(long.MinValue, [], [], []); // forces the next read and a RegistryChanged
    }

    private void Adopt(IReadOnlyDictionary<string, uint> minimums)
    {
        try
        {
            _store.AdoptMinimums(minimums);
        }
        catch (Exception e)
        {
            // The server enforces them all the same (the key authority holds the merged view); only the listing lags.
            _log.Warning("Could not record the cluster's revocations in the registry {0} ({1})", _store.Path, e.Message);
        }
    }

    private void Flush()
    {
        var due = _lastSeen.TakeDue(_time.GetUtcNow());
        try
        {
            _store.RecordLastSeen(due);
        }
        catch (Exception e)
        {
            // Last seen is for people listing clients; losing one batch harms nothing the server enforces.
            _log.Warning("Could not write {0} last-seen times to the registry {1} ({2})", due.Count, _store.Path, e.Message);
        }
    }

    protected override void PostStop()
    {
        Flush();
        _store.Dispose();
    }

    private sealed class Poll
    {
        public static readonly Poll Instance = new();
    }

    private sealed class FlushLastSeen
    {
        public static readonly FlushLastSeen Instance = new();
    }
}
