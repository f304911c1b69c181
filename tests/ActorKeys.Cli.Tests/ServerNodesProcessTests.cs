using System.Diagnostics;
using System.Text.RegularExpressions;
using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>
/// <c>client --server a,b</c> against two <c>actorkeys server</c> processes of one folder (one master key, one registry),
/// as real processes: the node in use killed with <c>kill -9</c>, the client carries on with the other; and a bad
/// entry in the list is one sentence and exit 2.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class ServerNodesProcessTests
{
    private const string Banner = @"^Serving on (akka\.tcp://actorkeys-server@127\.0\.0\.1:\d+) ";

    [Fact]
    public async Task When_the_node_in_use_is_killed_the_client_reconnects_to_the_other_within_10_s_and_every_message_gets_its_echo()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        ClientFiles.WriteQuickFailover(folder);
        await using var a = CliProcess.Start(folder.Path, "server", "--port", "0", "--log-level", "info");
        await using var b = CliProcess.Start(folder.Path, "server", "--port", "0", "--log-level", "info");
        var addressA = (await a.WaitForLineAsync(Banner)).Groups[1].Value;
        var addressB = (await b.WaitForLineAsync(Banner)).Groups[1].Value;
        var hostPorts = string.Join(',', new[] { addressA, addressB }.Select(x => x[(x.IndexOf('@') + 1)..]));

        await using var client = CliProcess.Start(folder.Path, "client", "--config", "client.hocon", "--server", hostPorts, "--id", "1");
        var first = (await client.WaitForLineAsync(@"^Connecting to (akka\.tcp://\S+) \(and 1 more node\)$")).Groups[1].Value;
        Assert.Contains(first, new[] { addressA, addressB });
        await client.WaitForLineAsync("^Session key verified$");
        await client.WriteAsync("one\n");
        await client.WaitForLineAsync("Message received: 'one'$");
        // The sentence named the node tried first; its server's log says the session is there.
        var (used, other) = first == addressA ? (a, b) : (b, a);
        await used.WaitForErrorLineAsync("Session established: client '1'");
        Assert.DoesNotContain(other.Stderr, line => line.Contains("Session established", StringComparison.Ordinal));

        used.Kill9();
        var sinceKill = Stopwatch.StartNew();
        await client.WaitForLineAsync("^Connection lost \\(.*\\); reconnecting$");
        await client.WriteAsync("two\n"); // typed while reconnecting: sent after the new handshake
        await client.WaitForLineAsync("^Reconnected$");
        var toReconnect = sinceKill.Elapsed;
        await client.WaitForLineAsync("Message received: 'two'$");
        await other.WaitForErrorLineAsync("Session established: client '1'");
        Assert.True(toReconnect < TimeSpan.FromSeconds(10), $"the client reconnected {toReconnect.TotalSeconds:0.0} s after the kill");
        foreach (var text in new[] { "three", "four" })
        {
            await client.WriteAsync(text + "\n");
            await client.WaitForLineAsync($"Message received: '{text}'$");
        }
        Assert.Equal(["one", "two", "three", "four"], client.Stdout
            .Select(line => Regex.Match(line, "Message received: '(.*)'$")).Where(m => m.Success).Select(m => m.Groups[1].Value));
        Assert.DoesNotContain(client.Stdout, line => line.Contains("No answer", StringComparison.Ordinal));

        client.CloseInput();
        Assert.Equal(0, await client.WaitForExitAsync());
    }

    [Theory]
    [InlineData("127.0.0.1:4053,banana", "'banana' is not a valid --server value")]
    [InlineData("127.0.0.1:4053,,127.0.0.1:4054", "'127.0.0.1:4053,,127.0.0.1:4054' is not a valid --server value")]
    [InlineData("127.0.0.1:4053,[::1]:4054", "'[::1]:4054' has an IPv6 address")]
    public async Task A_bad_entry_in_the_list_is_one_sentence_and_exit_2(string value, string sentence)
    {
        using var folder = new TempFolder();
        var result = await CliProcess.RunAsync(folder.Path, "", "client", "--server", value, "--id", "1");
        Expect.Failure(result, 2, sentence);
        Assert.Single(result.Stderr);
    }
}
