using System.CommandLine;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys clients</c>: the registry's view of each client id, and its revocation and rotation.</summary>
public static class ClientsCommand
{
    public static Command Create() => new("clients", "List, show, revoke and rotate clients in the registry.")
    {
        ClientsListCommand.Create(),
        ClientsShowCommand.Create(),
        ClientsRevokeCommand.Create(),
        ClientsRotateCommand.Create(),
    };
}
