using System.Runtime.Versioning;
using ActorKeys.Actors.Registry;

namespace ActorKeys.Actors.Tests;

/// <summary>The key lifecycle registry on disk: creation, the epoch rules, refusals, damage and concurrent changes.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class RegistryStoreTests : IDisposable
{
    private const string KeyA = "00112233445566aa";
    private const string KeyB = "8899aabbccddeeff";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempFolder _temp = new();

    private string DbPath => _temp.File("actorkeys.db");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Init_creates_an_owner_only_file_in_WAL_mode_with_the_master_key_current()
    {
        using (var store = RegistryStore.Create(DbPath, KeyA))
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(DbPath));
            foreach (var companion in new[] { "-wal", "-shm" }.Select(s => DbPath + s).Where(File.Exists))
            {
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(companion));
            }
            var snapshot = store.ReadSnapshot();
            Assert.Equal(KeyA, snapshot.CurrentKeyId);
            Assert.Equal("init", Assert.Single(store.Audit()).Action);
        }
        // The header's read and write versions are 2 in WAL mode, which stays set in the file.
        Assert.Equal(2, File.ReadAllBytes(DbPath)[18]);
        var again = Assert.Throws<RegistryException>(() => RegistryStore.Create(DbPath, KeyA));
        Assert.Equal(RegistryError.AlreadyExists, again.Error);
    }

    [Fact]
    public void Epochs_follow_the_rules_of_issue_revoke_and_rotate()
    {
        using var store = RegistryStore.Create(DbPath, KeyA);
        Assert.Equal(0u, store.ReadSnapshot().MinimumEpoch("1"));

        Assert.Equal(0u, store.Issue("1", IssueKind.FirstIssue, KeyA));
        Assert.Equal(1u, store.Revoke("1"));
        Assert.Equal(1u, store.ReadSnapshot().MinimumEpoch("1"));
        Assert.True(store.ReadSnapshot().Client("1")!.Revoked);
        // After a revoke the next epoch is the minimum: max(0 + 1, 1).
        Assert.Equal(1u, store.Issue("1", IssueKind.Rotate, KeyA));
        Assert.Equal(1u, store.ReadSnapshot().MinimumEpoch("1"));
        Assert.False(store.ReadSnapshot().Client("1")!.Revoked);
        Assert.Equal(2u, store.Issue("1", IssueKind.Rotate, KeyA));
        var client = store.ReadSnapshot().Client("1")!;
        Assert.Equal((2u, 2u, KeyA), (client.CurrentEpoch, client.MinimumEpoch, client.IssuedBy));
        Assert.Equal(["init", "issue", "revoke", "rotate", "rotate"], store.Audit().Select(a => a.Action));
        Assert.Equal([0u, 1u, 1u, 2u], store.Audit("1").Select(a => a.Epoch!.Value));
    }

    [Fact]
    public void Refusals_name_their_reason_and_change_nothing()
    {
        using var store = RegistryStore.Create(DbPath, KeyA);
        store.Issue("1", IssueKind.FirstIssue, KeyA);

        Assert.Equal(RegistryError.AlreadyIssued, Assert.Throws<RegistryException>(() => store.Issue("1", IssueKind.FirstIssue, KeyA)).Error);
        Assert.Equal(RegistryError.UnknownClient, Assert.Throws<RegistryException>(() => store.Revoke("9")).Error);
        Assert.Equal(RegistryError.UnknownClient, Assert.Throws<RegistryException>(() => store.Issue("9", IssueKind.Rotate, KeyA)).Error);
        Assert.Equal(RegistryError.UnknownMasterKey, Assert.Throws<RegistryException>(() => store.Issue("2", IssueKind.FirstIssue, KeyB)).Error);
        Assert.Equal(RegistryError.CurrentMasterKey, Assert.Throws<RegistryException>(() => store.RetireMaster(KeyA)).Error);
        Assert.Equal(2, store.Audit().Count);
    }

    [Fact]
    public void A_master_rotation_leaves_the_old_key_retiring_until_retired()
    {
        using var store = RegistryStore.Create(DbPath, KeyA);
        store.RotateMaster(KeyB);
        var rotated = store.ReadSnapshot();
        Assert.Equal(KeyB, rotated.CurrentKeyId);
        Assert.Equal(MasterKeyState.Retiring, rotated.MasterKeys[KeyA].State);
        Assert.True(rotated.Accepts(KeyA));
        Assert.Equal(RegistryError.NoCurrentMasterKey, Assert.Throws<RegistryException>(() => store.Issue("1", IssueKind.FirstIssue, KeyA)).Error);

        store.RetireMaster(KeyA);

        Assert.False(store.ReadSnapshot().Accepts(KeyA));
        Assert.Equal(["init", "master-rotate", "master-retire"], store.Audit().Select(a => a.Action));
    }

    [Fact]
    public void A_missing_file_is_not_found_and_is_not_created()
    {
        var ex = Assert.Throws<RegistryException>(() => RegistryStore.Open(DbPath));
        Assert.Equal(RegistryError.NotFound, ex.Error);
        Assert.False(File.Exists(DbPath));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("other-sqlite")]
    [InlineData("truncated")]
    public void Anything_but_an_intact_registry_is_damaged(string what)
    {
        switch (what)
        {
            case "garbage":
                WriteOwnerOnly(DbPath, System.Text.Encoding.ASCII.GetBytes(new string('x', 8192)));
                break;
            case "empty":
                WriteOwnerOnly(DbPath, []);
                break;
            case "other-sqlite":
                WriteOwnerOnly(DbPath, []);
                using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False"))
                {
                    other.Open();
                    using var command = other.CreateCommand();
                    command.CommandText = "CREATE TABLE clients (x INTEGER);";
                    command.ExecuteNonQuery();
                }
                break;
            case "truncated":
                using (RegistryStore.Create(DbPath, KeyA))
                {
                }
                var bytes = File.ReadAllBytes(DbPath);
                File.WriteAllBytes(DbPath, bytes.AsSpan(0, 100).ToArray());
                break;
        }

        var ex = Assert.Throws<RegistryException>(() =>
        {
            using var store = RegistryStore.Open(DbPath);
            store.ReadSnapshot();
        });

        Assert.Equal(RegistryError.Damaged, ex.Error);
    }

    [Fact]
    public void A_registry_others_can_read_is_refused()
    {
        using (RegistryStore.Create(DbPath, KeyA))
        {
        }
        File.SetUnixFileMode(DbPath, OwnerOnly | UnixFileMode.OtherRead);

        Assert.Equal(RegistryError.InsecurePermissions, Assert.Throws<RegistryException>(() => RegistryStore.Open(DbPath)).Error);
    }

    [Fact]
    public async Task Two_revokes_at_once_from_two_connections_are_both_recorded()
    {
        using (var setup = RegistryStore.Create(DbPath, KeyA))
        {
            setup.Issue("1", IssueKind.FirstIssue, KeyA);
            setup.Issue("2", IssueKind.FirstIssue, KeyA);
        }
        using var start = new Barrier(2);

        var revokes = new[] { "1", "2" }.Select(id => Task.Run(() =>
        {
            using var store = RegistryStore.Open(DbPath);
            start.SignalAndWait();
            return store.Revoke(id);
        })).ToArray();
        await Task.WhenAll(revokes);

        using var reader = RegistryStore.Open(DbPath);
        var revoked = reader.Audit().Where(a => a.Action == "revoke").Select(a => a.ClientId).Order().ToList();
        Assert.Equal(["1", "2"], revoked);
        Assert.Equal((1u, 1u), (reader.ReadSnapshot().MinimumEpoch("1"), reader.ReadSnapshot().MinimumEpoch("2")));
    }

    [Fact]
    public void Data_version_changes_when_another_connection_commits_and_not_for_its_own_writes()
    {
        using var server = RegistryStore.Create(DbPath, KeyA);
        server.Issue("1", IssueKind.FirstIssue, KeyA);
        var before = server.DataVersion();
        server.RecordLastSeen([KeyValuePair.Create("1", DateTimeOffset.UtcNow)]);
        Assert.Equal(before, server.DataVersion());

        using (var command = RegistryStore.Open(DbPath))
        {
            command.Revoke("1");
        }

        Assert.NotEqual(before, server.DataVersion());
        Assert.NotNull(server.ReadSnapshot().Client("1")!.LastSeen);
    }

    [Fact]
    public void The_audit_log_cannot_be_rewritten()
    {
        using (RegistryStore.Create(DbPath, KeyA))
        {
        }
        using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False");
        raw.Open();
        using var command = raw.CreateCommand();
        command.CommandText = "DELETE FROM audit;";

        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQuery());
    }

    [Fact]
    public void Last_seen_is_handed_out_at_most_once_per_interval_per_id()
    {
        var batch = new LastSeenBatch(TimeSpan.FromMinutes(1));
        var t0 = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        batch.Seen("1", t0);
        Assert.Single(batch.TakeDue(t0));

        batch.Seen("1", t0.AddSeconds(10));
        batch.Seen("2", t0.AddSeconds(10));
        Assert.Equal(["2"], batch.TakeDue(t0.AddSeconds(10)).Select(d => d.Key));
        Assert.Empty(batch.TakeDue(t0.AddSeconds(30)));
        Assert.Equal(["1"], batch.TakeDue(t0.AddSeconds(61)).Select(d => d.Key));
    }

    [Fact]
    public void The_default_path_is_beside_the_master_key_and_a_configured_one_wins()
    {
        var beside = RegistryPaths.Resolve(Akka.Configuration.ConfigurationFactory.ParseString("actorkeys.server.master-key-path = \"/srv/ak/server.key\""));
        Assert.Equal("/srv/ak/actorkeys.db", beside);
        var configured = RegistryPaths.Resolve(Akka.Configuration.ConfigurationFactory.ParseString("actorkeys.server.registry-path = \"/var/lib/ak.db\""));
        Assert.Equal("/var/lib/ak.db", configured);
    }

    private static void WriteOwnerOnly(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        stream.Write(bytes);
    }
}
