using System.Threading.Channels;
using Akka.Actor;
using ActorKeys.Actors.Client;

namespace ActorKeys.Cli.Session;

/// <summary>The listener of a ClientSession: hands its events to the command's async code through a channel.</summary>
public sealed class EventChannel : ReceiveActor
{
    public EventChannel(ChannelWriter<IClientEvent> writer)
    {
        Receive<IClientEvent>(e => writer.TryWrite(e));
    }

    public static Props Props(ChannelWriter<IClientEvent> writer) => Akka.Actor.Props.Create(() => new EventChannel(writer));
}
