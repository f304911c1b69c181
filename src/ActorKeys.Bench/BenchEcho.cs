using Akka.Actor;
using ActorKeys.Actors.Server;

namespace ActorKeys.Bench;

/// <summary>
/// The bench server's application actor: echoes each message, like <see cref="EchoApplication"/> without printing
/// a line per message. Both the sealed and the plaintext sessions talk to this one actor.
/// </summary>
public sealed class BenchEcho : ReceiveActor
{
    public BenchEcho() => Receive<ClientMessage>(message => Sender.Tell(new ReplyToClient(message.Text)));

    public static Props Props() => Akka.Actor.Props.Create(() => new BenchEcho());
}
