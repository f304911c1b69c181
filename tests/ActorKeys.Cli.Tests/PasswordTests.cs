using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>--protect: the master key's password stays with the server, the keystores' passwords go to the clients.</summary>
[Collection(nameof(CliCollection))]
public sealed class PasswordTests
{
    [Fact]
    public async Task The_master_key_and_the_keystores_get_separate_passwords_and_provision_can_give_each_keystore_its_own()
    {
        using var folder = new TempFolder();
        var init = await CliProcess.RunAsync(folder.Path, "master secret\nkeystore secret\n", "init", "--protect", "--clients", "1");
        Expect.Success(init);
        Assert.Equal(["New password for the master key:", "New password for the client keystores:"], init.Stdout.Take(2));
        var provision = await CliProcess.RunAsync(folder.Path, "master secret\nsecret of a\nsecret of b\n",
            "provision", "a", "b", "--protect", "--password-per-keystore");
        Expect.Success(provision);
        Assert.Equal(["Password of the master key:", "New password for the keystore of 'a':", "New password for the keystore of 'b':"],
            provision.Stdout.Take(3));

        await using var server = CliProcess.Start(folder.Path, "server", "--port", "0");
        await server.WriteAsync("master secret\n");
        var address = (await server.WaitForLineAsync(@"^Serving on akka\.tcp://actorkeys-server@(127\.0\.0\.1:\d+) ")).Groups[1].Value;
        Task<CliResult> Client(string id, string password) =>
            CliProcess.RunAsync(folder.Path, $"{password}\nola\n", "client", "--server", address, "--id", id);

        Expect.Success(await Client("1", "keystore secret"));
        Expect.Success(await Client("a", "secret of a"));
        Expect.Success(await Client("b", "secret of b"));
        Expect.Failure(await Client("1", "master secret"), 4, "could not be unlocked");
        Expect.Failure(await Client("b", "secret of a"), 4, "could not be unlocked");
    }

    [Fact]
    public async Task A_keystore_password_equal_to_the_master_keys_is_refused_before_anything_is_written()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "same\nsame\n", "init", "--protect");

        Expect.Failure(result, 2, "master key's password", "a password of their own");
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Password_per_keystore_without_protect_is_a_usage_error()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "init", "--password-per-keystore");

        Expect.Failure(result, 2, "--password-per-keystore only applies with --protect");
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
