using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>What the client does with what it is given: the server's banner address, lines too long or blank, and what comes after them.</summary>
[Collection(nameof(CliCollection))]
public sealed class ClientInputTests(RunningServer server) : IClassFixture<RunningServer>
{
    /// <summary>actorkeys.max-message-bytes (64 KiB) less the record's kind byte.</summary>
    private const int MaxBody = 64 * 1024 - 1;

    [Fact]
    public async Task The_address_the_server_banner_shows_is_accepted_as_server()
    {
        var result = await CliProcess.RunAsync(server.Folder.Path, "1\nola\n", "client", "--server", $"akka.tcp://actorkeys-server@{server.Address}");

        Expect.Success(result);
        Assert.Contains($"Connecting to the server at akka.tcp://actorkeys-server@{server.Address}", result.Stdout);
        Assert.Contains("Message received: 'ola'", result.Stdout);
    }

    [Fact]
    public async Task A_line_over_the_limit_is_not_sent_and_the_next_lines_are()
    {
        var longest = new string('x', MaxBody);
        var tooLong = new string('y', MaxBody + 1);

        var result = await server.ClientAsync($"1\n{tooLong}\n{longest}\nola\n");

        Expect.Success(result);
        var sentence = Assert.Single(result.Stderr);
        Assert.Contains("That line was not sent", sentence);
        Assert.Contains($"{MaxBody + 1} bytes", sentence);
        Assert.Contains($"at most {MaxBody}", sentence);
        Assert.Contains($"Message received: '{longest}'", result.Stdout);
        Assert.Contains("Message received: 'ola'", result.Stdout);
        Assert.DoesNotContain(result.Stdout, line => line.Contains("yyyy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_limit_counts_utf8_bytes_not_characters()
    {
        // 'é' is two bytes of UTF-8: half the limit in characters is already over it in bytes.
        var accented = new string('é', MaxBody / 2 + 1);

        var result = await server.ClientAsync($"1\n{accented}\nola\n");

        Expect.Success(result);
        Assert.Contains("That line was not sent", Assert.Single(result.Stderr));
        Assert.Contains("Message received: 'ola'", result.Stdout);
    }

    [Fact]
    public async Task A_blank_line_in_piped_input_is_skipped_and_the_rest_is_sent()
    {
        var result = await server.ClientAsync("1\nola\n\nsecond\n");

        Expect.Success(result);
        Assert.Empty(result.Stderr);
        Assert.Equal(["Message received: 'ola'", "Message received: 'second'"],
            result.Stdout.Where(line => line.StartsWith("Message received:")));
    }

    [Fact]
    public async Task On_a_terminal_an_empty_id_is_asked_again_and_an_empty_line_ends_the_client()
    {
        var result = await CliProcess.RunOnTerminalAsync(server.Folder.Path, "\n1\nola\n\nnot sent\n", "client", "--server", server.Address);

        Expect.Success(result);
        Assert.Equal(2, result.Stdout.Count(line => line.Contains("Enter your id:", StringComparison.Ordinal)));
        Assert.Contains(result.Stdout, line => line.Contains("Message received: 'ola'", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Stdout, line => line.Contains("Message received: 'not sent'", StringComparison.Ordinal));
    }
}
