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

    /// <summary>Asks for the first few messages counted, as text (to say which log lines a bound was exceeded by).</summary>
    public sealed record GetSamples
    {
        public static readonly GetSamples Instance = new();
    }

    private const int MaxSamples = 10;

    public MessageCounter(Type counted)
    {
        var count = 0;
        var samples = new List<string>();
        Receive<GetCount>(_ => Sender.Tell(count));
        Receive<GetSamples>(_ => Sender.Tell(string.Join("\n", samples)));
        ReceiveAny(message =>
        {
            if (counted.IsInstanceOfType(message))
            {
                count++;
                if (samples.Count < MaxSamples)
                {
                    samples.Add(message.ToString() ?? "");
                }
            }
        });
    }

    public static Props Of<T>() => Props.Create(() => new MessageCounter(typeof(T)));
}
