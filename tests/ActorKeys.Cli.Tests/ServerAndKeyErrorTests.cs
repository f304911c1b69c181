using System.Net;
using System.Net.Sockets;
using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>What init, provision and server say, and with which exit code, when they cannot do their job.</summary>
[Collection(nameof(CliCollection))]
public sealed class ServerAndKeyErrorTests
{
    [Fact]
    public async Task Init_refuses_to_overwrite_an_existing_master_key()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        var before = File.ReadAllText(folder.File("server.key"));

        var again = await CliProcess.RunAsync(folder.Path, "", "init");

        Expect.Failure(again, 3, folder.File("server.key"), "already exists");
        Assert.Equal(before, File.ReadAllText(folder.File("server.key")));
    }

    [Fact]
    public async Task Provision_adds_clients_and_refuses_to_overwrite_a_keystore()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1"));

        var added = await CliProcess.RunAsync(folder.Path, "", "provision", "3", "4");
        var again = await CliProcess.RunAsync(folder.Path, "", "provision", "4");

        Expect.Success(added);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.File("keystores/keystore_id_4.json")));
        Expect.Failure(again, 3, folder.File("keystores/keystore_id_4.json"), "already exists");
    }

    [Fact]
    public async Task Init_refuses_a_bad_client_id_before_writing_anything()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1,.hidden");

        Expect.Failure(result, 2, "'.hidden' is not a valid client id");
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task A_server_without_a_master_key_says_to_run_init()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "server", "--port", "0");

        Expect.Failure(result, 3, folder.File("server.key"), "actorkeys init");
    }

    [Fact]
    public async Task A_protected_master_key_opened_with_a_wrong_password_is_reported_as_such()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "secret\nclient secret\n", "init", "--protect", "--clients", "1"));

        var result = await CliProcess.RunAsync(folder.Path, "not the secret\n", "server", "--port", "0");

        Expect.Failure(result, 4, folder.File("server.key"), "could not be unlocked");
    }

    [Fact]
    public async Task A_port_in_use_is_named_whoever_holds_it()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var held = await CliProcess.RunAsync(folder.Path, "", "server", "--port", port.ToString());
            Expect.Failure(held, 7, $"Port {port} is already in use");
        }
        finally
        {
            listener.Stop();
        }

        // Another actorkeys server: Akka.Remote's SO_REUSEADDR would otherwise let the two share the port.
        await using var first = CliProcess.Start(folder.Path, "server", "--port", "0");
        var taken = (await first.WaitForLineAsync(@"^Serving on .*:(\d+) ")).Groups[1].Value;
        var second = await CliProcess.RunAsync(folder.Path, "", "server", "--port", taken);
        Expect.Failure(second, 7, $"Port {taken} is already in use");
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_and_help_lists_the_exit_codes()
    {
        using var folder = new TempFolder();

        var unknown = await CliProcess.RunAsync(folder.Path, "", "frobnicate");
        var help = await CliProcess.RunAsync(folder.Path, "", "--help");

        Expect.Failure(unknown, 2, "'frobnicate'");
        Expect.Success(help);
        Assert.Contains(help.Stdout, line => line.Trim() == "7  the server's port is already in use");
        foreach (var command in new[] { "init", "provision", "server", "client", "demo", "keystore" })
        {
            Assert.Contains(help.Stdout, line => line.TrimStart().StartsWith(command + " "));
        }
    }
}
