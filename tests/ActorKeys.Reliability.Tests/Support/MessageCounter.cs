using Akka.Actor;

namespace ActorKeys.Reliability.Tests.Support;

/// <summary>
/// Counts the messages of one type it receives and keeps nothing else: an attacker's reply address (so a
/// flood's replies do not pile up in a test probe, which would look like a leak in the heap measurement), or a
/// subscriber to log events.
/// </summary>
public sealed class MessageCounter : ReceiveActor
{
    public sealed record GetCount
    {
        public static readonly GetCount Instance = new();
    }

    public MessageCounter(Type counted)
    {
        var count = 0;
        Receive<GetCount>(_ => Sender.Tell(count));
        ReceiveAny(message =>
        {
            if (counted.IsInstanceOfType(message))
            {
                count++;
            }
        });
    }

    public static Props Of<T>() => Props.Create(() => new MessageCounter(typeof(T)));
}
