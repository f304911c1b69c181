using Akka.Actor;
using ActorKeys.Actors.Server;
using ActorKeys.Actors.Supervision;

namespace ActorKeys.Bench.Plain;

/// <summary>
/// The baseline's stand-in for KeyAuthority and SessionManager, at <c>/user/bench-plain</c> on the bench's own
/// server only: one <see cref="PlainServerSession"/> per <see cref="PlainOpen"/>, with no handshake.
/// </summary>
public sealed class PlainGateway : ReceiveActor
{
    public const string Name = "bench-plain";

    public PlainGateway(IActorRef application, int maxMessageBytes)
    {
        Receive<PlainOpen>(open =>
        {
            var sessionId = Guid.NewGuid().ToByteArray();
            Context.ActorOf(PlainServerSession.Props(open.ClientId, sessionId, Sender, application, maxMessageBytes),
                "p-" + Convert.ToHexStringLower(sessionId));
        });
    }

    public static Props Props(IActorRef application, int maxMessageBytes) =>
        Akka.Actor.Props.Create(() => new PlainGateway(application, maxMessageBytes));

    protected override SupervisorStrategy SupervisorStrategy() => KillResistant.StopOnFailure;
}
