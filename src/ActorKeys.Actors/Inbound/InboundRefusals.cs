using Akka.Actor;

namespace ActorKeys.Actors.Inbound;

/// <summary>
/// Counts what the inbound allow-list refused in one actor system, without a log line each (a peer chooses how
/// many there are). Read by tests and, later, by metrics.
/// </summary>
public sealed class InboundRefusals : IExtension
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public static InboundRefusals For(ActorSystem system) => system.WithExtension<InboundRefusals, InboundRefusalsProvider>();

    /// <summary>Counts one refusal and publishes it on the event stream (for tests and diagnostics, never logged).</summary>
    internal RefusedWireMessage Refuse(ActorSystem system, int serializerId, string reason, RefusedWireMessage? marker = null)
    {
        Interlocked.Increment(ref _count);
        system.EventStream.Publish(new WireMessageRefused(serializerId, reason));
        return marker ?? RefusedWireMessage.Foreign;
    }
}

public sealed class InboundRefusalsProvider : ExtensionIdProvider<InboundRefusals>
{
    public override InboundRefusals CreateExtension(ExtendedActorSystem system) => new();
}
