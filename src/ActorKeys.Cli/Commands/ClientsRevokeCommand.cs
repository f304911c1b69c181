using System.CommandLine;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys clients revoke ID</c>: raises the client's minimum valid epoch above every keystore it holds.</summary>
public static class ClientsRevokeCommand
{
    public static Command Create()
    {
        var options = new RegistryOptions();
        var id = new Argument<string>("ID") { Description = "The client id whose keystores stop working." };
        var command = new Command("revoke", "Revoke every keystore of a client (a running server notices within 1 s).") { id };
        options.AddTo(command, withMasterKey: true);
        command.SetAction(parse =>
        {
            var clientId = parse.GetValue(id)!;
            using var registry = options.Open(parse);
            var minimum = registry.Revoke(clientId);
            Console.WriteLine(Strings.ClientRevoked(RegistryText.Id(clientId), minimum));
        });
        return command;
    }
}
