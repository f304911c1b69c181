using System.CommandLine;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys cluster</c>: the commands of a cluster of server nodes.</summary>
public static class ClusterCommand
{
    public static Command Create() => new("cluster", "Cluster of server nodes: show its members.")
    {
        ClusterStatusCommand.Create(),
    };
}
