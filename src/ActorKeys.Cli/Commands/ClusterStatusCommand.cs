using System.CommandLine;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys cluster status</c>: the members, their reachability and the master keyIds each holds, as the local node
/// sees them. Read from the node's registry, where its core records every change: no listening port is involved.
/// </summary>
public static class ClusterStatusCommand
{
    public static Command Create()
    {
        var options = new RegistryOptions();
        var command = new Command("status", "Show the cluster's members as this node sees them (from its registry).");
        options.AddTo(command, withMasterKey: false);
        command.SetAction(parse =>
        {
            using var registry = options.Open(parse);
            var members = registry.ClusterMembers();
            if (members.Count == 0)
            {
                Console.WriteLine(Strings.ClusterNoMembers(registry.Path));
                return;
            }
            Console.WriteLine(Strings.ClusterStatusHeading(RegistryText.Time(members.Max(m => m.Updated))));
            foreach (var member in members)
            {
                Console.WriteLine(Strings.ClusterMemberLine(member.Address, member.Status,
                    member.Reachable ? Strings.ClusterReachable : Strings.ClusterUnreachable,
                    member.KeyIds.Count == 0 ? "-" : string.Join(", ", member.KeyIds),
                    member.Self ? Strings.ClusterThisNode : ""));
            }
        });
        return command;
    }
}
