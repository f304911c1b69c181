using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorKeys.Actors.Server;

/// <summary>
/// The mailbox of each <see cref="Session"/> (<c>actorkeys.session-mailbox</c>): an unbounded queue that costs almost
/// nothing while empty. Akka's default mailbox is a <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/>, whose
/// first segment of 32 slots is allocated with the actor and kept for its whole life (see README, Performance, stop 9). A
/// server holds one session per idle client, and an idle session's queue is empty almost all the time, so this one
/// starts with no storage and grows only while messages wait.
/// </summary>
public sealed class SessionMailbox : MailboxType, IProducesMessageQueue<CompactMessageQueue>
{
    public const string ConfigPath = "actorkeys.session-mailbox";

    public SessionMailbox(Akka.Actor.Settings settings, Config config) : base(settings, config)
    {
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactMessageQueue();
}

/// <summary>
/// A queue under a lock (many senders, one consumer: the actor) that holds no storage while empty. One waiting envelope
/// is kept in this object itself; a ring is made only when a second one waits, and let go as soon as it is drained. An
/// idle session pays only for this object: a <see cref="Queue{T}"/> kept its own object and its array of four envelopes,
/// about 130 B more per session. A session's traffic is one client's, so the lock is almost never contended.
/// </summary>
/// <remarks>
/// It locks on itself rather than on a lock object of its own, one object fewer per session: it is made for Akka's
/// mailbox, which does not lock on it, and no ActorKeys code does either. Dropping the ring when drained costs a small
/// allocation per burst of two or more waiting messages (an array of four envelopes, 88 B) where the queue before kept
/// its array: measured in the bench's sealed CPU per record, within its noise (README, Performance).
/// </remarks>
public sealed class CompactMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    private const int FirstRingCapacity = 4;

    /// <summary>The one waiting envelope while there is no ring.</summary>
    private Envelope _only;
    private Envelope[]? _ring;
    private int _head;
    private volatile int _count;

    public bool HasMessages => _count > 0;

    public int Count => _count;

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (this)
        {
            if (_ring is null)
            {
                if (_count == 0)
                {
                    _only = envelope;
                    _count = 1;
                    return;
                }
                _ring = new Envelope[FirstRingCapacity];
                _ring[0] = _only;
                _only = default;
                _head = 0;
            }
            else if (_count == _ring.Length)
            {
                Grow();
            }
            _ring[(_head + _count) % _ring.Length] = envelope;
            _count++;
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (_count == 0)
        {
            envelope = default;
            return false;
        }
        lock (this)
        {
            if (_count == 0)
            {
                envelope = default;
                return false;
            }
            if (_ring is null)
            {
                envelope = _only;
                _only = default; // a handled message (and its sender) must not stay reachable from here
                _count = 0;
                return true;
            }
            envelope = _ring[_head];
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            _count--;
            if (_count == 0)
            {
                // Drained: an idle session holds no ring. The next burst makes a new one, a small allocation per burst.
                _ring = null;
                _head = 0;
            }
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }

    /// <summary>Doubles the ring, its waiting envelopes moved to the front in order. Under the lock.</summary>
    private void Grow()
    {
        var old = _ring!;
        var ring = new Envelope[old.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            ring[i] = old[(_head + i) % old.Length];
        }
        _ring = ring;
        _head = 0;
    }
}
