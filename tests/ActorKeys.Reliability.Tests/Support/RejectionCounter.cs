using Akka.Actor;
using ActorKeys.Protocol;

namespace ActorKeys.Reliability.Tests.Support;

/// <summary>
/// The attacker's reply address: counts the <see cref="Rejected"/> answers and keeps nothing else, so a flood's
/// replies do not pile up in a test probe (which would look like a leak in the heap measurement).
/// </summary>
public sealed class RejectionCounter : ReceiveActor
{
    public sealed record GetCount
    {
        public static readonly GetCount Instance = new();
    }

    public RejectionCounter()
    {
        var count = 0;
        Receive<Rejected>(_ => count++);
        Receive<GetCount>(_ => Sender.Tell(count));
        ReceiveAny(_ => { });
    }
}
