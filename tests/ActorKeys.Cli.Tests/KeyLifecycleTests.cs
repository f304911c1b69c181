using System.Runtime.Versioning;
using System.Text.Json;
using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>The registry and its commands, run as real processes: init, clients list/show/revoke/rotate, master rotate/retire.</summary>
[Collection(nameof(CliCollection))]
[UnsupportedOSPlatform("windows")]
public sealed class KeyLifecycleTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Init_creates_an_owner_only_registry_that_lists_every_client_at_epoch_0()
    {
        using var folder = new TempFolder();

        var init = await CliProcess.RunAsync(folder.Path, "", "init");

        Expect.Success(init);
        Assert.Contains(init.Stdout, line => line == $"Wrote registry: {folder.File("actorkeys.db")}");
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(folder.File("actorkeys.db")));
        var list = await ListAsync(folder);
        Assert.Equal(["1", "2"], list.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.All(list.GetProperty("clients").EnumerateArray(), c =>
        {
            Assert.Equal(0, c.GetProperty("epoch").GetInt32());
            Assert.Equal("active", c.GetProperty("state").GetString());
        });
        var table = await CliProcess.RunAsync(folder.Path, "", "clients", "list");
        Expect.Success(table);
        Assert.Contains(table.Stdout, line => line.StartsWith("1 ") && line.Contains(" active "));
        var show = await CliProcess.RunAsync(folder.Path, "", "clients", "show", "2");
        Expect.Success(show);
        Assert.StartsWith("Client '2': epoch 0, minimum valid epoch 0, active;", show.Stdout[0]);
        Assert.Contains(show.Stdout, line => line.Contains("  issue  epoch 0  master key "));
        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "init", "--master-key", "other.key"), 3, "actorkeys.db already exists");
    }

    [Fact]
    public async Task Revoke_raises_the_minimum_and_rotate_writes_the_next_epoch_refusing_to_overwrite()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));

        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "clients", "revoke", "1"));
        var revoked = Client(await ListAsync(folder), "1");
        Assert.Equal((0, 1, "revoked"), (revoked.GetProperty("epoch").GetInt32(), revoked.GetProperty("minimumEpoch").GetInt32(), revoked.GetProperty("state").GetString()));

        var refused = await CliProcess.RunAsync(folder.Path, "", "clients", "rotate", "1");
        Expect.Failure(refused, 3, "already exists", "--force");
        var rotated = await CliProcess.RunAsync(folder.Path, "", "clients", "rotate", "1", "--keystores", "new");
        Expect.Success(rotated);
        Assert.Contains(rotated.Stdout, line => line.StartsWith("Wrote keystore for client '1': ") && line.Contains("(epoch 1,"));
        var inspect = await CliProcess.RunAsync(folder.Path, "", "keystore", "inspect", Path.Combine("new", "keystore_id_1.json"));
        Expect.Success(inspect);
        Assert.Contains(inspect.Stdout, line => line.Contains("1") && line.Contains("epoch", StringComparison.OrdinalIgnoreCase));
        var after = Client(await ListAsync(folder), "1");
        Assert.Equal((1, 1, "active"), (after.GetProperty("epoch").GetInt32(), after.GetProperty("minimumEpoch").GetInt32(), after.GetProperty("state").GetString()));
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "clients", "rotate", "1", "--force"));
        Assert.Equal(2, Client(await ListAsync(folder), "1").GetProperty("epoch").GetInt32());
        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "clients", "revoke", "nobody"), 2, "'nobody' has never been issued");
        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "provision", "2", "--keystores", "other"), 2, "clients rotate 2");
    }

    [Fact]
    public async Task Master_rotate_then_retire_moves_the_ring_and_the_registry_together()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        var first = MasterKeys(await ListAsync(folder)).Single().Key;

        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "master", "rotate"));

        var keys = MasterKeys(await ListAsync(folder));
        Assert.Equal("retiring", keys[first]);
        var second = keys.Single(k => k.Value == "current").Key;
        Assert.Equal([first, second], RingKeyIds(folder));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(folder.File("server.key")));
        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "master", "retire", second), 2, "is the current one");
        // A new client's keystore comes from the current key.
        var provisioned = await CliProcess.RunAsync(folder.Path, "", "provision", "3");
        Expect.Success(provisioned);
        Assert.Contains(provisioned.Stdout, line => line.Contains($"issuer {second}"));

        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "master", "retire", first));

        Assert.Equal("retired", MasterKeys(await ListAsync(folder))[first]);
        Assert.Equal([second], RingKeyIds(folder));
        Assert.Equal("retired", Client(await ListAsync(folder), "1").GetProperty("issuerState").GetString());
    }

    [Fact]
    public async Task Two_revokes_at_once_are_both_in_the_audit_log()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));

        var revokes = await Task.WhenAll(
            CliProcess.RunAsync(folder.Path, "", "clients", "revoke", "1"),
            CliProcess.RunAsync(folder.Path, "", "clients", "revoke", "2"));

        Assert.All(revokes, Expect.Success);
        foreach (var id in new[] { "1", "2" })
        {
            var show = await CliProcess.RunAsync(folder.Path, "", "clients", "show", id);
            Expect.Success(show);
            Assert.Contains(show.Stdout, line => line.Contains("  revoke  epoch 1  "));
        }
    }

    [Fact]
    public async Task A_damaged_registry_is_one_sentence_and_exit_3()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        var garbage = new byte[4096];
        new Random(12).NextBytes(garbage);
        File.WriteAllBytes(folder.File("actorkeys.db"), garbage);

        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "clients", "list"), 3, "is damaged");
        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "clients", "revoke", "1"), 3, "is damaged");
        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "--lang", "pt", "clients", "list"), 3, "está danificado");
    }

    [Fact]
    public async Task A_missing_registry_says_to_run_init_or_give_its_path()
    {
        using var folder = new TempFolder();

        var missing = await CliProcess.RunAsync(folder.Path, "", "clients", "list", "--registry", "elsewhere.db");

        Expect.Failure(missing, 3, folder.File("elsewhere.db"), "'actorkeys init'", "--registry", "'actorkeys init --registry-only --clients IDS'");
        Assert.False(File.Exists(folder.File("elsewhere.db")));
    }

    [Fact]
    public async Task A_registry_others_can_read_is_refused()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
        File.SetUnixFileMode(folder.File("actorkeys.db"), OwnerOnly | UnixFileMode.GroupRead);

        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "clients", "list"), 3, "chmod 600");
    }

    [Fact]
    public async Task The_registry_path_comes_from_the_server_configuration()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init", "--registry", "state.db"));
        File.WriteAllText(folder.File("server.hocon"), "actorkeys.server.registry-path = \"state.db\"\n");

        Expect.Failure(await CliProcess.RunAsync(folder.Path, "", "clients", "list"), 3, "actorkeys.db was not found");
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "clients", "list", "--config", "server.hocon"));
    }

    private static async Task<JsonElement> ListAsync(TempFolder folder)
    {
        var list = await CliProcess.RunAsync(folder.Path, "", "clients", "list", "--json");
        Expect.Success(list);
        return JsonDocument.Parse(string.Join("\n", list.Stdout)).RootElement.Clone();
    }

    private static JsonElement Client(JsonElement list, string id) =>
        list.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    private static Dictionary<string, string> MasterKeys(JsonElement list) =>
        list.GetProperty("masterKeys").EnumerateArray().ToDictionary(k => k.GetProperty("keyId").GetString()!, k => k.GetProperty("state").GetString()!);

    private static List<string> RingKeyIds(TempFolder folder)
    {
        using var ring = JsonDocument.Parse(File.ReadAllBytes(folder.File("server.key")));
        return ring.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("issuer").GetString()!).ToList();
    }
}
