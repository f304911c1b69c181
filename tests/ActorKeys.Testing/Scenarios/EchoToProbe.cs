using Akka.Actor;
using ActorKeys.Actors.Server;

namespace ActorKeys.Testing;

/// <summary>An application actor that echoes like the default one and also reports each message to a probe.</summary>
public sealed class EchoToProbe : ReceiveActor
{
    public EchoToProbe(IActorRef probe)
    {
        Receive<ClientMessage>(message =>
        {
            probe.Tell(message);
            Sender.Tell(new ReplyToClient(message.Text));
        });
    }
}

public static class EchoToProbeApplication
{
    /// <summary>The application factory for <c>Scenario.StartServerAsync</c>.</summary>
    public static Func<ActorSystem, IActorRef> Start(IActorRef probe) =>
        system => system.ActorOf(Props.Create(() => new EchoToProbe(probe)), "application");
}
