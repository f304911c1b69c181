using System.Text.Json;
using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>What an operator sees of a running server: --log-level's session lines, and --health-file.</summary>
[Collection(nameof(CliCollection))]
public sealed class OperatingTests
{
    [Fact]
    public async Task At_info_level_the_server_logs_each_session_established_and_ended_without_message_text()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        await using var server = CliProcess.Start(folder.Path, "server", "--port", "0", "--log-level", "info");
        var port = (await server.WaitForLineAsync(@"^Serving on .*:(\d+) ")).Groups[1].Value;

        var client = await CliProcess.RunAsync(folder.Path, "1\nola\n", "client", "--server", $"127.0.0.1:{port}");

        Expect.Success(client);
        await server.WaitForErrorLineAsync(
            @"^\[INFO\] .*: Session established: client '1' epoch 0 from akka\.tcp://actorkeys-client@127\.0\.0\.1:\d+$");
        await server.WaitForErrorLineAsync(@"^\[INFO\] .*: Session ended: client '1' after \d+\.\d s \(closed\)$");
        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.DoesNotContain(server.Stderr, line => line.Contains("ola", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_health_file_says_ready_while_the_server_runs_and_is_gone_after_it_stops()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        var healthFile = folder.File("h.json");
        await using var server = CliProcess.Start(folder.Path, "server", "--port", "0", "--health-file", "h.json");
        var port = (await server.WaitForLineAsync(@"^Serving on .*:(\d+) ")).Groups[1].Value;

        var health = await WaitUntilReadyAsync(healthFile, server);

        Assert.True(health.GetProperty("live").GetBoolean());
        Assert.Equal(server.Id, health.GetProperty("pid").GetInt32());
        Assert.True(DateTimeOffset.TryParse(health.GetProperty("time").GetString(), out _));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(healthFile));
        // At the default level (warning) a session costs no log line.
        Expect.Success(await CliProcess.RunAsync(folder.Path, "1\nola\n", "client", "--server", $"127.0.0.1:{port}"));
        await server.WaitForLineAsync("^User '1': 'ola'$");

        server.Terminate();

        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.False(File.Exists(healthFile), server.Transcript());
        Assert.DoesNotContain(server.Stderr, line => line.Contains("Session established", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_unknown_log_level_is_a_usage_error()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "server", "--log-level", "loud");

        Expect.Failure(result, 2, "--log-level must be debug, info, warning or error", "actorkeys server --help");
    }

    [Fact]
    public async Task A_health_file_in_a_missing_folder_is_a_usage_error()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "server", "--health-file", "no/such/folder/h.json");

        Expect.Failure(result, 2, "--health-file");
    }

    /// <summary>
    /// Polls the file: the server gives no other sign of readiness to wait on. Each read sees a whole file or none
    /// (it is replaced by a rename), and the deadline is generous for two shared cores.
    /// </summary>
    private static async Task<JsonElement> WaitUntilReadyAsync(string path, CliProcess server)
    {
        var deadline = DateTime.UtcNow + CliProcess.Generous;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path))
            {
                try
                {
                    var health = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
                    if (health.GetProperty("status").GetString() == "ready")
                    {
                        Assert.True(health.GetProperty("ready").GetBoolean());
                        return health;
                    }
                }
                catch (FileNotFoundException)
                {
                    // Between File.Exists and the read nothing can remove it but a stopping server; the next turn says.
                }
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{path} never said ready.\n{server.Transcript()}");
    }
}
