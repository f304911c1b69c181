using Akka.Actor;
using ActorKeys.Actors.Text;

namespace ActorKeys.Actors.Server;

/// <summary>
/// The default application actor, as in the seed: it shows each message as <c>User '&lt;id&gt;': '&lt;text&gt;'</c>
/// and answers with the same text. A program that speaks another language gives its own format for that line.
/// </summary>
public sealed class EchoApplication : ReceiveActor
{
    public const string Name = "application";

    public EchoApplication(Action<string> output, Func<ClientMessage, string> format)
    {
        Receive<ClientMessage>(message =>
        {
            output(format(message));
            Sender.Tell(new ReplyToClient(message.Text));
        });
    }

    public static Props Props(Action<string> output) => Props(output, Format);

    public static Props Props(Action<string> output, Func<ClientMessage, string> format) =>
        Akka.Actor.Props.Create(() => new EchoApplication(output, format));

    public static string Format(ClientMessage message) => $"User '{message.ClientId}': '{Printable.Escape(message.Text)}'";
}
