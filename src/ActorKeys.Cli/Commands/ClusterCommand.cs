using System.CommandLine;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys cluster</c>: the private core of several server nodes: its certificates and its members.</summary>
public static class ClusterCommand
{
    public static Command Create() => new("cluster", "A cluster of server nodes: make its certificates, show its members.")
    {
        ClusterInitCommand.Create(),
        ClusterStatusCommand.Create(),
    };
}
