using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorKeys.Actors.Server;

/// <summary>
/// The mailbox of each <see cref="Session"/> (<c>actorkeys.session-mailbox</c>): an unbounded queue that costs almost
/// nothing while empty. Akka's default mailbox is a <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/>, whose
/// first segment of 32 slots is allocated with the actor and kept for its whole life: measured as the largest single item
/// of an idle session (see README, Performance). A server holds one session per idle client, and an idle session's queue
/// is empty almost all the time, so this one starts with no storage and grows only while messages wait.
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
/// A <see cref="Queue{T}"/> under a lock: many senders, one consumer (the actor), and no storage until the first message.
/// A session's traffic is one client's, so the lock is almost never contended.
/// </summary>
public sealed class CompactMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    /// <summary>Above this many waiting messages the storage is let go once drained; below, the small array is kept.</summary>
    private const int KeepCapacity = 8;

    private readonly Queue<Envelope> _queue = new();
    private volatile int _count;
    private bool _grown;

    public bool HasMessages => _count > 0;

    public int Count => _count;

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (_queue)
        {
            _queue.Enqueue(envelope);
            _count = _queue.Count;
            _grown |= _count > KeepCapacity;
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (_count == 0)
        {
            envelope = default;
            return false;
        }
        lock (_queue)
        {
            var taken = _queue.TryDequeue(out envelope);
            _count = _queue.Count;
            if (_count == 0 && _grown)
            {
                // A burst grew the array; let it go once drained, so an idle session holds little again. Kept otherwise:
                // trimming after every message would allocate a new array for the next one.
                _queue.TrimExcess();
                _grown = false;
            }
            return taken;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }
}
