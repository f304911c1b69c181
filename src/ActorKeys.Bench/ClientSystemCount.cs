using Akka.Actor;
using Akka.Remote;

namespace ActorKeys.Bench;

/// <summary>
/// In the bench's server: the remote systems associated with it now, from Akka.Remote's lifecycle events. The idle phase
/// reports how many client systems held its sessions as the server counted them, not as it asked for them.
/// </summary>
public sealed class ClientSystemCount : ReceiveActor
{
    private readonly HashSet<Address> _associated = [];

    public ClientSystemCount()
    {
        Receive<AssociatedEvent>(e => _associated.Add(e.RemoteAddress));
        Receive<DisassociatedEvent>(e => _associated.Remove(e.RemoteAddress));
        Receive<Query>(_ => Sender.Tell(_associated.Count));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClientSystemCount());

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(AssociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
    }

    public sealed class Query
    {
        public static readonly Query Instance = new();
    }
}
