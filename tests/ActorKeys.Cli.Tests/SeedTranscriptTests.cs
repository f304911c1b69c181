using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>The seed's flow with the real program: init, a server, client 1 sends 'ola' and client 2 'bom dia'.</summary>
[Collection(nameof(CliCollection))]
public sealed class SeedTranscriptTests
{
    [Fact]
    public async Task Init_server_and_two_piped_clients_exchange_the_seed_messages()
    {
        using var folder = new TempFolder();
        var init = await CliProcess.RunAsync(folder.Path, "", "init");
        Expect.Success(init);
        Assert.Contains(init.Stdout, line => line.StartsWith("Wrote master key: ") && line.Contains(folder.File("server.key")));
        Assert.Contains(init.Stdout, line => line.StartsWith("Wrote keystore for client '1': "));
        Assert.Contains(init.Stdout, line => line.StartsWith("Wrote keystore for client '2': "));
        foreach (var file in new[] { "server.key", "keystores/keystore_id_1.json", "keystores/keystore_id_2.json" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.File(file)));
        }

        await using var server = CliProcess.Start(folder.Path, "server", "--port", "0");
        var banner = await server.WaitForLineAsync(@"^Serving on akka\.tcp://actorkeys-server@127\.0\.0\.1:(\d+) \(Ctrl\+C to finish\)$");
        var address = $"127.0.0.1:{banner.Groups[1].Value}";

        var client1 = await CliProcess.RunAsync(folder.Path, "1\nola\n", "client", "--server", address);
        var client2 = await CliProcess.RunAsync(folder.Path, "2\nbom dia\n", "client", "--server", address);

        foreach (var (client, text) in new[] { (client1, "ola"), (client2, "bom dia") })
        {
            Expect.Success(client);
            Assert.Contains($"Connecting to the server at akka.tcp://actorkeys-server@{address}", client.Stdout);
            Assert.Contains("Enter your id:", client.Stdout);
            Assert.Contains("Session key verified", client.Stdout);
            Assert.Contains("Write the 1st message to send:", client.Stdout);
            Assert.Contains($"Message received: '{text}'", client.Stdout);
            Assert.Contains("Write the 2nd message to send:", client.Stdout);
            // The echo comes after the key was verified.
            Assert.True(
                IndexOf(client.Stdout, "Session key verified") < IndexOf(client.Stdout, $"Message received: '{text}'"),
                client.ToString());
        }
        await server.WaitForLineAsync("^User '1': 'ola'$");
        await server.WaitForLineAsync("^User '2': 'bom dia'$");

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Equal(
            [banner.Value, "User '1': 'ola'", "User '2': 'bom dia'"],
            server.Stdout);
    }

    [Fact]
    public async Task A_piped_client_keeps_prompting_with_english_ordinals_and_skips_blank_lines_until_the_end_of_input()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "7"));
        await using var server = CliProcess.Start(folder.Path, "server", "--port", "0");
        var port = (await server.WaitForLineAsync(@"^Serving on .*:(\d+) ")).Groups[1].Value;
        var messages = string.Concat(Enumerable.Range(1, 12).Select(i => $"m{i}\n"));

        // A blank line in a script is skipped: only the end of input ends a piped client.
        var client = await CliProcess.RunAsync(folder.Path, messages + "\n\nm13\n", "client", "--server", $"127.0.0.1:{port}", "--id", "7");

        Expect.Success(client);
        Assert.Empty(client.Stderr);
        Assert.DoesNotContain("Enter your id:", client.Stdout);
        foreach (var ordinal in new[] { "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "14th" })
        {
            Assert.Contains($"Write the {ordinal} message to send:", client.Stdout);
        }
        Assert.Equal(13, client.Stdout.Count(line => line.StartsWith("Message received: 'm")));
        Assert.Contains("Message received: 'm13'", client.Stdout);
        Assert.DoesNotContain("Message received: ''", client.Stdout);
        await server.WaitForLineAsync("^User '7': 'm13'$");
    }

    private static int IndexOf(IReadOnlyList<string> lines, string line) => lines.ToList().IndexOf(line);
}
