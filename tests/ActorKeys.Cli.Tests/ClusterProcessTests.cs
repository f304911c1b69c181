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
    private static readonly string RevokedSentence = ClientFiles.RevokedSentence("1");

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

            await client.WaitForErrorLineAsync(ClientFiles.RevokedLine("1"));
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

    [Fact]
    public async Task When_the_node_a_client_uses_is_killed_the_client_moves_to_another_node_within_10_s_and_every_message_gets_its_echo()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "cluster", "init", "--nodes", "3"));
        ClientFiles.WriteQuickFailover(folder);
        var nodes = new List<CliProcess>();
        try
        {
            for (var n = 1; n <= 3; n++)
            {
                File.Copy(folder.File("actorkeys.db"), folder.File($"node{n}.db"));
                File.SetUnixFileMode(folder.File($"node{n}.db"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var node = CliProcess.Start(folder.Path, "server", "--config", NodeConfig(n), "--log-level", "info");
                nodes.Add(node);
                await node.WaitForLineAsync($@"^Cluster core on akka\.ssl\.tcp://actorkeys-core@127\.0\.0\.1:415{n + 2} ");
            }
            await WaitForMembersAsync(folder, 3);
            await using var client = CliProcess.Start(folder.Path, "client", "--config", "client.hocon",
                "--server", "127.0.0.1:4053,127.0.0.1:4054,127.0.0.1:4055", "--id", "1");
            var first = (await client.WaitForLineAsync(@"^Connecting to akka\.tcp://actorkeys-server@127\.0\.0\.1:(\d+) \(and 2 more nodes\)$")).Groups[1].Value;
            await client.WaitForLineAsync("^Session key verified$");
            await client.WriteAsync("one\n");
            await client.WaitForLineAsync("Message received: 'one'$");

            nodes[int.Parse(first, System.Globalization.CultureInfo.InvariantCulture) - 4053].Kill9();
            var sinceKill = System.Diagnostics.Stopwatch.StartNew();
            await client.WaitForLineAsync("^Connection lost \\(.*\\); reconnecting$");
            await client.WriteAsync("two\n"); // typed while reconnecting: sent after the new handshake
            await client.WaitForLineAsync("^Reconnected$");
            var toReconnect = sinceKill.Elapsed;
            await client.WaitForLineAsync("Message received: 'two'$");
            Assert.True(toReconnect < TimeSpan.FromSeconds(10), $"the client reconnected {toReconnect.TotalSeconds:0.0} s after the kill");
            await client.WriteAsync("three\n");
            await client.WaitForLineAsync("Message received: 'three'$");
            client.CloseInput();
            Assert.Equal(0, await client.WaitForExitAsync());
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task No_keystore_is_issued_under_a_current_master_key_that_some_member_does_not_hold_yet()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "master", "rotate"));
        var current = System.Text.Json.JsonDocument.Parse(string.Join("\n",
                (await CliProcess.RunAsync(folder.Path, "", "clients", "list", "--json")).Stdout))
            .RootElement.GetProperty("masterKeys").EnumerateArray().Single(k => k.GetProperty("state").GetString() == "current")
            .GetProperty("keyId").GetString()!;
        // As a node's core records its cluster: this node holds the new key, another member only the old one.
        RecordMembers(folder, ("akka.ssl.tcp://actorkeys-core@10.0.0.1:4153", current), ("akka.ssl.tcp://actorkeys-core@10.0.0.2:4153", "0011223344556677"));

        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "clients", "rotate", "1", "--force"), 2,
            $"Master key {current} is current, but cluster member akka.ssl.tcp://actorkeys-core@10.0.0.2:4153 does not hold it yet");

        RecordMembers(folder, ("akka.ssl.tcp://actorkeys-core@10.0.0.1:4153", current), ("akka.ssl.tcp://actorkeys-core@10.0.0.2:4153", current));
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "clients", "rotate", "1", "--force"));
    }

    private static void RecordMembers(TempFolder folder, params (string Address, string KeyIds)[] members)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.File("actorkeys.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ActorKeys.Actors.Core.MembershipRecorder.CreateTable + "; DELETE FROM cluster_members;"
            + string.Concat(members.Select((m, i) => $"INSERT INTO cluster_members VALUES ('{m.Address}', 'up', 1, '{m.KeyIds}', {(i == 0 ? 1 : 0)}, '2026-11-25T00:00:00Z');"));
        command.ExecuteNonQuery();
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
