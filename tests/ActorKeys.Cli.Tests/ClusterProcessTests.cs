using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>
/// Three <c>actorkeys server</c> processes started from <c>hocon/cluster/</c> (edge ports 4053–4055, core ports
/// 4153–4155), sharing one master key file, each with its own registry: a revocation made beside node 1 ends a client
/// connected to node 2, and <c>cluster status</c> shows every member.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class ClusterProcessTests
{
    private const string RevokedSentence = "The server revoked the access key of client '1'; ask its operator for a new keystore.";

    [Fact]
    public async Task Clients_revoke_beside_node_1_ends_a_client_of_node_2_with_exit_6_and_cluster_status_shows_three_members()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "3"));
        var nodes = new List<CliProcess>();
        try
        {
            for (var n = 1; n <= 3; n++)
            {
                // Each node its own registry, started from the one init made (cp -p keeps its 0600).
                File.Copy(folder.File("actorkeys.db"), folder.File($"node{n}.db"));
                File.SetUnixFileMode(folder.File($"node{n}.db"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var node = CliProcess.Start(folder.Path, "server", "--config", NodeConfig(n));
                nodes.Add(node);
                await node.WaitForLineAsync($@"^Serving on akka\.tcp://actorkeys-server@127\.0\.0\.1:405{n + 2} ");
                await node.WaitForLineAsync($@"^Cluster core on akka\.ssl\.tcp://actorkeys-core@127\.0\.0\.1:415{n + 2} ");
            }
            await WaitForMembersAsync(folder, 3);

            await using var client = CliProcess.Start(folder.Path, "client", "--server", "127.0.0.1:4054", "--id", "1");
            await client.WaitForLineAsync("^Write the 1st message to send:$");
            Expect.Success(await CliProcess.RunAsync(folder.Path, "", "clients", "revoke", "1", "--config", NodeConfig(1)));

            await client.WaitForErrorLineAsync("^" + System.Text.RegularExpressions.Regex.Escape(RevokedSentence) + "$");
            Assert.Equal(6, await client.WaitForExitAsync());
            // Node 3 never saw the command, and refuses the keystore too.
            Expect.Failure(await CliProcess.RunAsync(folder.Path, "ola\n", "client", "--server", "127.0.0.1:4055", "--id", "1"), 6, RevokedSentence);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static string NodeConfig(int n) => Scenario.RepositoryFile($"hocon/cluster/node{n}.hocon");

    /// <summary>Runs <c>cluster status</c> beside node 1 until it lists <paramref name="count"/> members up and reachable.</summary>
    private static async Task WaitForMembersAsync(TempFolder folder, int count)
    {
        var deadline = DateTime.UtcNow + CliProcess.Generous;
        while (true)
        {
            var status = await CliProcess.RunAsync(folder.Path, "", "cluster", "status", "--config", NodeConfig(1));
            Expect.Success(status);
            if (status.Stdout.Count(line => line.Contains("  up  reachable  ", StringComparison.Ordinal)) == count)
            {
                Assert.Contains(status.Stdout, line => line.EndsWith("(this node)", StringComparison.Ordinal));
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "cluster status never showed every member:\n" + string.Join("\n", status.Stdout));
        }
    }
}
