using Akka.Actor;
using Akka.Event;

namespace ActorKeys.Reliability.Tests.Support;

/// <summary>Counts the warning and error log events it is subscribed to.</summary>
public sealed class LogLineCounter : ReceiveActor
{
    public sealed record GetCount
    {
        public static readonly GetCount Instance = new();
    }

    public LogLineCounter()
    {
        var count = 0;
        Receive<LogEvent>(_ => count++);
        Receive<GetCount>(_ => Sender.Tell(count));
    }
}
