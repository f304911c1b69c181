using System.CommandLine;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys cluster</c>: the private core of several server nodes (its certificates; its status later).</summary>
public static class ClusterCommand
{
    public static Command Create() => new("cluster", "Make the certificates of a cluster's private core.")
    {
        ClusterInitCommand.Create(),
    };
}
