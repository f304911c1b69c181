using Akka.Actor;
using Akka.Actor.Scheduler;
using Akka.Dispatch;

namespace ActorKeys.Actors.Scheduling;

/// <summary>
/// A scheduled message, told when its time comes. To a local actor it goes in the envelope Akka's own scheduler uses
/// (<see cref="IScheduledTellMsg"/>), which the actor's cell opens before the actor sees it, so scheduled messages look
/// the same to Akka's telemetry and a message marked <see cref="INotInfluenceReceiveTimeout"/> still leaves a receive
/// timeout running.
/// </summary>
internal sealed class ScheduledTell : IRunnable
{
    private readonly ICanTell _receiver;
    private readonly object _message;
    private readonly IActorRef _sender;

    public ScheduledTell(ICanTell receiver, object message, IActorRef sender)
    {
        _receiver = receiver;
        _message = Envelope(receiver, message);
        _sender = sender;
    }

    /// <summary>What is told: <paramref name="message"/> in Akka's envelope for a local actor, as it is for anyone else.</summary>
    internal static object Envelope(ICanTell receiver, object message) =>
        receiver is not ActorRefWithCell
            ? message
            : message is INotInfluenceReceiveTimeout
                ? new ScheduledMessageNotInfluencingReceiveTimeout(message)
                : new ScheduledMessage(message);

    public void Run() => _receiver.Tell(_message, _sender);

    /// <summary>Akka's runnables are thread-pool work items too; the scheduler calls <see cref="Run"/>.</summary>
    public void Execute() => Run();

    private sealed class ScheduledMessage(object message) : IScheduledTellMsg
    {
        public object Message { get; } = message;
    }

    private sealed class ScheduledMessageNotInfluencingReceiveTimeout(object message) : IScheduledTellMsg, INotInfluenceReceiveTimeout
    {
        public object Message { get; } = message;
    }
}
