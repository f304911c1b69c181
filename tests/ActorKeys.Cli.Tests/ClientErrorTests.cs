using System.Text.Json.Nodes;
using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>What the client says, and with which exit code, when it cannot do its job (see the table in --help).</summary>
[Collection(nameof(CliCollection))]
public sealed class ClientErrorTests(RunningServer server) : IClassFixture<RunningServer>
{
    private string Keystores => server.Folder.File("keystores");

    [Fact]
    public async Task A_missing_keystore_names_the_path_searched()
    {
        var result = await server.ClientAsync("", "--id", "nobody");

        Expect.Failure(result, 3, Path.Combine(Keystores, "keystore_id_nobody.json"), "was not found");
    }

    [Fact]
    public async Task A_keystore_readable_by_others_is_refused()
    {
        var path = CopyKeystore("1", "loose");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await server.ClientAsync("", "--id", "loose", "--keystores", Path.GetDirectoryName(path)!);

        Expect.Failure(result, 3, path, "chmod 600");
    }

    [Fact]
    public async Task A_damaged_keystore_is_refused()
    {
        var path = CopyKeystore("1", "damaged");
        File.AppendAllText(path, "}");

        var result = await server.ClientAsync("", "--id", "damaged", "--keystores", Path.GetDirectoryName(path)!);

        Expect.Failure(result, 3, path, "is damaged");
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_such()
    {
        var folder = Path.Combine(server.Folder.Path, "protected");
        var provision = await CliProcess.RunAsync(server.Folder.Path, "right password\n",
            "provision", "sealed", "--keystores", folder, "--protect");
        Expect.Success(provision);
        Assert.Contains(provision.Stdout, line => line.Contains("keystore_id_sealed.json") && line.Contains("protection argon2id"));

        var wrong = await server.ClientAsync("sealed\nwrong password\nola\n", "--keystores", folder);
        var right = await server.ClientAsync("sealed\nright password\nola\n", "--keystores", folder);

        Expect.Failure(wrong, 4, "could not be unlocked", "wrong password");
        Assert.DoesNotContain("Session key verified", wrong.Stdout);
        Expect.Success(right);
        Assert.Contains("Message received: 'ola'", right.Stdout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ctrl_C_or_SIGTERM_at_the_keystore_password_prompt_exits_130_with_one_sentence(bool sigterm)
    {
        var id = sigterm ? "halted-by-sigterm" : "halted-by-ctrl-c";
        var folder = Path.Combine(server.Folder.Path, id);
        Expect.Success(await CliProcess.RunAsync(server.Folder.Path, "a password\n", "provision", id, "--keystores", folder, "--protect"));
        await using var client = CliProcess.Start(server.Folder.Path, "client", "--server", server.Address, "--keystores", folder, "--id", id);
        await client.WaitForLineAsync($"^Password of the keystore of '{id}':$");

        if (sigterm)
        {
            client.Terminate();
        }
        else
        {
            client.Interrupt();
        }
        var code = await client.WaitForExitAsync();

        Assert.True(code == 130, $"Expected exit code 130.\n{client.Transcript()}");
        Assert.Contains("Interrupted at the password prompt", Assert.Single(client.Stderr));
    }

    [Fact]
    public async Task A_keystore_from_another_server_is_rejected_as_wrong_server()
    {
        using var other = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(other.Path, "", "init", "--clients", "stranger"));

        var result = await server.ClientAsync("ola\n", "--id", "stranger", "--keystores", other.File("keystores"));

        Expect.Failure(result, 6, "different server", "wrong-server");
        Assert.DoesNotContain("Session key verified", result.Stdout);
    }

    [Fact]
    public async Task A_bad_client_id_is_a_usage_error()
    {
        var result = await server.ClientAsync("../1\nola\n");

        Expect.Failure(result, 2, "'../1' is not a valid client id");
    }

    [Fact]
    public async Task An_input_that_ends_before_the_id_is_a_usage_error()
    {
        var result = await server.ClientAsync("");

        Expect.Failure(result, 2, "before a client id was given");
    }

    [Fact]
    public async Task A_bad_server_value_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync(server.Folder.Path, "", "client", "--server", "127.0.0.1", "--id", "1");

        Expect.Failure(result, 2, "'127.0.0.1' is not a valid --server value", "HOST:PORT");
    }

    [Fact]
    public async Task A_missing_config_file_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync(server.Folder.Path, "", "client", "--config", "missing.hocon", "--id", "1");

        Expect.Failure(result, 2, server.Folder.File("missing.hocon"), "does not exist");
    }

    [Fact]
    public async Task A_refused_connection_is_reported_with_its_address_without_waiting_for_the_handshake_timeout()
    {
        // A timeout far beyond the test's own bound: only a report that does not wait for it can pass.
        var config = server.Folder.File("slow.hocon");
        File.WriteAllText(config, "actorkeys.client.handshake-timeout = 10m\n");
        var closedPort = ClosedPort();

        var result = await CliProcess.RunAsync(server.Folder.Path, "ola\n",
            "client", "--config", config, "--server", $"127.0.0.1:{closedPort}", "--id", "1");

        Expect.Failure(result, 5, $"akka.tcp://actorkeys-server@127.0.0.1:{closedPort}", "refused the connection");
    }

    [Fact]
    public async Task When_every_node_of_a_list_refuses_the_connection_all_are_named_without_waiting_for_the_handshake_timeout()
    {
        var config = server.Folder.File("slow.hocon");
        File.WriteAllText(config, "actorkeys.client.handshake-timeout = 10m\n");
        var (first, second) = (ClosedPort(), ClosedPort());

        var result = await CliProcess.RunAsync(server.Folder.Path, "ola\n",
            "client", "--config", config, "--server", $"127.0.0.1:{first},127.0.0.1:{second}", "--id", "1");

        Expect.Failure(result, 5, "No server at", $"akka.tcp://actorkeys-server@127.0.0.1:{first}, akka.tcp://actorkeys-server@127.0.0.1:{second}",
            "accepted the connection");
    }

    [Fact]
    public async Task With_one_node_refusing_and_one_silent_the_sentence_names_the_one_that_accepts_connections()
    {
        var config = server.Folder.File("fast.hocon");
        File.WriteAllText(config, "actorkeys.client.handshake-timeout = 1s\n");
        var port = server.Address.Split(':')[1];
        var closed = ClosedPort();

        var result = await CliProcess.RunAsync(server.Folder.Path, "ola\n",
            "client", "--config", config, "--server", $"127.0.0.1:{closed},localhost:{port}", "--id", "1");

        Expect.Failure(result, 5, $"The server at akka.tcp://actorkeys-server@localhost:{port} accepts connections but did not answer within 1 s");
        Assert.DoesNotContain($"127.0.0.1:{closed}", result.StderrText);
    }

    [Fact]
    public async Task A_host_name_other_than_the_one_the_server_listens_on_is_explained()
    {
        var config = server.Folder.File("fast.hocon");
        File.WriteAllText(config, "actorkeys.client.handshake-timeout = 2s\n");
        var port = server.Address.Split(':')[1];

        var result = await CliProcess.RunAsync(server.Folder.Path, "ola\n",
            "client", "--config", config, "--server", $"localhost:{port}", "--id", "1");

        Expect.Failure(result, 5, $"akka.tcp://actorkeys-server@localhost:{port}", "accepts connections but did not answer within 2 s",
            "not localhost", "banner");
    }

    [Fact]
    public async Task Sigterm_while_waiting_for_a_line_ends_the_client_with_0_and_says_nothing()
    {
        await using var client = CliProcess.Start(server.Folder.Path, "client", "--server", server.Address, "--id", "1");
        await client.WaitForLineAsync("^Write the 1st message to send:$");

        client.Terminate();
        var code = await client.WaitForExitAsync();

        Assert.True(code == 0, $"Expected exit code 0.\n{client.Transcript()}");
        Assert.Empty(client.Stderr);
        Assert.Equal(["Session key verified", "Write the 1st message to send:"], client.Stdout.Skip(1));
    }

    [Fact]
    public async Task Keystore_inspect_shows_the_metadata_and_never_the_key()
    {
        var path = Path.Combine(Keystores, "keystore_id_1.json");
        var accessKey = JsonNode.Parse(File.ReadAllText(path))!["accessKey"]!.GetValue<string>();

        var result = await CliProcess.RunAsync(server.Folder.Path, "", "keystore", "inspect", path);

        Expect.Success(result);
        Assert.Contains("Client id:  1", result.Stdout);
        Assert.Contains("Epoch:      0", result.Stdout);
        Assert.Contains("Protection: none", result.Stdout);
        Assert.Contains(result.Stdout, line => line.StartsWith("Issuer:     ") && line.Length == "Issuer:     ".Length + 16);
        Assert.Contains(result.Stdout, line => line.StartsWith("Created:    20"));
        var everything = string.Join("\n", result.Stdout.Concat(result.Stderr));
        Assert.DoesNotContain(accessKey, everything);
        Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(accessKey)), everything, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A copy of client <paramref name="from"/>'s keystore re-labelled as <paramref name="to"/>'s, in a folder of its own.</summary>
    private string CopyKeystore(string from, string to)
    {
        var folder = Directory.CreateDirectory(Path.Combine(server.Folder.Path, "copy-" + to)).FullName;
        var json = File.ReadAllText(Path.Combine(Keystores, $"keystore_id_{from}.json"));
        var path = Path.Combine(folder, $"keystore_id_{to}.json");
        File.WriteAllText(path, json);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>A port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
