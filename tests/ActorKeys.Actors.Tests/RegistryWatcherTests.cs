using System.Runtime.Versioning;
using ActorKeys.Actors.Registry;
using Akka.Actor;

namespace ActorKeys.Actors.Tests;

/// <summary>The server's registry watcher: changes made by another process reach its subscribers; damage does not crash it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class RegistryWatcherTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Key = "00112233445566aa";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private readonly TempFolder _temp = new();

    private string DbPath => _temp.File("actorkeys.db");

    protected override void AfterAll()
    {
        base.AfterAll();
        _temp.Dispose();
    }

    private IActorRef StartWatcher(out Akka.TestKit.TestProbe subscriber)
    {
        using (var init = RegistryStore.Create(DbPath, Key))
        {
            init.Issue("1", IssueKind.FirstIssue, Key);
        }
        var store = RegistryStore.Open(DbPath);
        subscriber = CreateTestProbe();
        return Sys.ActorOf(RegistryWatcher.Props(store, store.ReadSnapshot(), [subscriber.Ref], Poll));
    }

    [Fact]
    public void A_revoke_made_through_another_connection_reaches_a_subscriber_within_a_second()
    {
        StartWatcher(out var subscriber);
        subscriber.ExpectNoMsg(Poll * 3); // nothing changed: nothing sent

        using (var command = RegistryStore.Open(DbPath))
        {
            command.Revoke("1");
        }

        var changed = subscriber.ExpectMsg<RegistryChanged>(TimeSpan.FromSeconds(1));
        Assert.Equal(1u, changed.Snapshot.MinimumEpoch("1"));
    }

    [Fact]
    public void A_registry_replaced_by_a_rename_is_opened_again_and_its_changes_reach_a_subscriber()
    {
        StartWatcher(out var subscriber);
        subscriber.ExpectNoMsg(Poll * 3);
        // Another file, with the revocation, renamed over the one the watcher has open (a restore, a copy).
        var other = _temp.File("restored.db");
        using (var store = RegistryStore.Create(other, Key))
        {
            store.Issue("1", IssueKind.FirstIssue, Key);
            store.Revoke("1");
        }
        File.Move(other, DbPath, overwrite: true);

        var changed = subscriber.ExpectMsg<RegistryChanged>(Generous);
        Assert.Equal(1u, changed.Snapshot.MinimumEpoch("1"));

        // And it follows the new file from then on.
        using (var command = RegistryStore.Open(DbPath))
        {
            command.Issue("2", IssueKind.FirstIssue, Key);
            command.Revoke("2");
        }
        Assert.Equal(1u, subscriber.ExpectMsg<RegistryChanged>(Generous).Snapshot.MinimumEpoch("2"));
    }

    [Fact]
    public void A_registry_damaged_while_running_is_logged_once_and_the_last_good_snapshot_stays()
    {
        var watcher = StartWatcher(out var subscriber);
        var asker = CreateTestProbe();

        // Another process breaks the schema: data_version changes, so the watcher reads, and the read fails.
        EventFilter.Error(contains: "could not be read").Expect(1, Generous, () =>
        {
            using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False");
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "DROP TABLE master_keys;";
            command.ExecuteNonQuery();
        });
        // Polls go on failing, silently, and nothing reaches the subscribers.
        subscriber.ExpectNoMsg(Poll * 4);

        watcher.Tell(GetRegistrySnapshot.Instance, asker.Ref);
        var kept = asker.ExpectMsg<RegistryChanged>(Generous);
        Assert.Equal(Key, kept.Snapshot.CurrentKeyId);
        Assert.NotNull(kept.Snapshot.Client("1"));
    }

    [Fact]
    public void Seen_clients_are_written_when_the_watcher_stops()
    {
        var watcher = StartWatcher(out _);
        watcher.Tell(new ClientSeen("1"), ActorRefs.NoSender);
        Watch(watcher);

        watcher.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        ExpectTerminated(watcher, Generous);

        using var reader = RegistryStore.Open(DbPath);
        Assert.NotNull(reader.ReadSnapshot().Client("1")!.LastSeen);
    }
}
