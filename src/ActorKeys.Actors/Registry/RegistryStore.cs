using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ActorKeys.Actors.Registry;

/// <summary>How a keystore is issued: the first for a client id (<c>init</c>, <c>provision</c>) or the next one (<c>clients rotate</c>).</summary>
public enum IssueKind
{
    FirstIssue,
    Rotate,
}

/// <summary>
/// The key lifecycle registry (issue #12): a SQLite file, <c>actorkeys.db</c> beside the master key by default,
/// holding no secret: the epochs issued to each client id and its minimum valid epoch, the master keys' states, and an
/// append-only audit log. One open connection; not thread-safe (the server's is owned by one
/// <see cref="RegistryWatcher"/>). Every change is one <c>BEGIN IMMEDIATE</c> transaction with a 5 s busy timeout, so
/// commands run at the same time by different processes queue instead of failing or losing a change.
/// </summary>
public sealed class RegistryStore : IDisposable
{
    /// <summary>The registry's file name when <c>actorkeys.server.registry-path</c> is empty: beside the master key.</summary>
    public const string DefaultFileName = "actorkeys.db";

    private const int BusyTimeoutSeconds = 5;
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const int SqliteBusy = 5;
    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;
    private const int SqliteReadOnly = 8;
    private const int SqliteCannotOpen = 14;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;

    private RegistryStore(string path, SqliteConnection connection, TimeProvider time)
    {
        Path = path;
        _connection = connection;
        _time = time;
    }

    /// <summary>The registry file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates the registry (for <c>init</c>): the file with mode 0600 before any data, the schema, WAL mode, and the
    /// first master key as current with its <c>init</c> audit row. Refuses a path where anything exists.
    /// </summary>
    public static RegistryStore Create(string path, string currentKeyIdHex, TimeProvider? time = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        RegistryFile.CreateEmpty(fullPath);
        var store = Connect(fullPath, time ?? TimeProvider.System);
        try
        {
            store.Execute("PRAGMA journal_mode = WAL;");
            store.Change(() =>
            {
                store.Execute(RegistrySchema.Create);
                var now = store.Now();
                store.Execute("INSERT INTO master_keys (key_id, state, created_at, changed_at) VALUES ($k, 'current', $t, $t)",
                    ("$k", currentKeyIdHex), ("$t", now));
                store.Audit(AuditAction.Init, null, null, currentKeyIdHex, now);
            });
            RegistryFile.TightenCompanions(fullPath);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing registry, for the server and the commands. A missing file, one others may read, and one that
    /// is not an ActorKeys registry of this version (or fails SQLite's integrity check) are each a
    /// <see cref="RegistryException"/>: never an empty registry that would accept every epoch.
    /// </summary>
    public static RegistryStore Open(string path, TimeProvider? time = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        RegistryFile.CheckExisting(fullPath);
        var store = Connect(fullPath, time ?? TimeProvider.System);
        try
        {
            store.Verify();
            store.Execute("PRAGMA journal_mode = WAL;");
            RegistryFile.TightenCompanions(fullPath);
            return store;
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw store.Damaged(e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>PRAGMA data_version</c> of this store's connection: it changes when ANOTHER connection (a command in another
    /// process) commits a change, and not for this connection's own writes (the server's last-seen batches). One
    /// cheap call per poll, no file watching (which misses changes on some file systems and sees WAL checkpoints as
    /// changes), and no trigger or table to maintain.
    /// </summary>
    public long DataVersion() => Guard(() => Convert.ToInt64(Scalar("PRAGMA data_version;"), CultureInfo.InvariantCulture));

    /// <summary>An immutable view of everything the server checks and the commands list, read in one transaction.</summary>
    public RegistrySnapshot ReadSnapshot() => Guard(() =>
    {
        Execute("BEGIN;");
        try
        {
            var version = Convert.ToInt64(Scalar("PRAGMA data_version;"), CultureInfo.InvariantCulture);
            var clients = Query("""
                SELECT c.client_id, i.epoch, c.minimum_epoch, i.issued_at, i.key_id, c.last_seen, c.changed_at
                FROM clients c JOIN issues i ON i.client_id = c.client_id
                WHERE i.epoch = (SELECT MAX(epoch) FROM issues WHERE client_id = c.client_id)
                """, r => new ClientEntry(r.GetString(0), Epoch(r, 1), Epoch(r, 2), Time(r.GetString(3)), r.GetString(4),
                    OptionalTime(r, 5), OptionalTime(r, 6)));
            var minimums = Query("SELECT client_id, minimum_epoch FROM clients",
                r => KeyValuePair.Create(r.GetString(0), Epoch(r, 1)));
            var keys = Query("SELECT key_id, state, created_at, changed_at FROM master_keys",
                r => new MasterKeyEntry(r.GetString(0), State(r.GetString(1)), Time(r.GetString(2)), Time(r.GetString(3))));
            return new RegistrySnapshot(version, clients, minimums, keys);
        }
        finally
        {
            Execute("COMMIT;");
        }
    });

    /// <summary>The audit log in order, all of it or only the rows about <paramref name="clientId"/>.</summary>
    public IReadOnlyList<AuditEntry> Audit(string? clientId = null) => Guard(() => Query(
        "SELECT seq, at, action, client_id, epoch, key_id FROM audit WHERE $c IS NULL OR client_id = $c ORDER BY seq",
        r => new AuditEntry(r.GetInt64(0), Time(r.GetString(1)), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.IsDBNull(4) ? null : Epoch(r, 4), r.IsDBNull(5) ? null : r.GetString(5)),
        ("$c", clientId)));

    /// <summary>
    /// Records the issue of a keystore of <paramref name="clientId"/> under <paramref name="keyIdHex"/>, which must be
    /// the current master key, and returns its epoch: <c>max(highest issued + 1, minimum)</c>, 0 for a fresh id. A
    /// rotate also raises the minimum to that epoch, so every older keystore of the id stops working. A first issue of
    /// an id that has one is refused (<see cref="RegistryError.AlreadyIssued"/>), and so is a rotate of an unknown id.
    /// </summary>
    public uint Issue(string clientId, IssueKind kind, string keyIdHex)
    {
        uint epoch = 0;
        Change(() =>
        {
            var state = Scalar("SELECT state FROM master_keys WHERE key_id = $k", ("$k", keyIdHex)) as string;
            if (state != "current")
            {
                throw Refused(state is null ? RegistryError.UnknownMasterKey : RegistryError.NoCurrentMasterKey, keyIdHex,
                    $"the master key {keyIdHex} is not the registry's current key");
            }
            var (highest, minimum) = Epochs(clientId);
            if (kind == IssueKind.FirstIssue && highest is not null)
            {
                throw Refused(RegistryError.AlreadyIssued, clientId, $"client '{clientId}' already has a keystore");
            }
            if (kind == IssueKind.Rotate && highest is null)
            {
                throw Refused(RegistryError.UnknownClient, clientId, $"client '{clientId}' has never been issued a keystore");
            }
            epoch = EpochRules.NextIssue(highest, minimum)
                ?? throw Refused(RegistryError.EpochsExhausted, clientId, $"client '{clientId}' has used every epoch");
            var now = Now();
            var newMinimum = kind == IssueKind.Rotate ? epoch : minimum;
            Execute("""
                INSERT INTO clients (client_id, minimum_epoch, changed_at) VALUES ($c, $m, $t)
                ON CONFLICT (client_id) DO UPDATE SET minimum_epoch = $m, changed_at = $t
                """, ("$c", clientId), ("$m", (long)newMinimum), ("$t", kind == IssueKind.Rotate ? now : null));
            Execute("INSERT INTO issues (client_id, epoch, key_id, issued_at) VALUES ($c, $e, $k, $t)",
                ("$c", clientId), ("$e", (long)epoch), ("$k", keyIdHex), ("$t", now));
            Audit(kind == IssueKind.Rotate ? AuditAction.Rotate : AuditAction.Issue, clientId, epoch, keyIdHex, now);
        });
        return epoch;
    }

    /// <summary>
    /// Raises the minimum valid epoch of <paramref name="clientId"/> to its highest issued epoch + 1, so that every
    /// keystore it holds stops working; returns the new minimum. An id never issued is refused.
    /// </summary>
    public uint Revoke(string clientId)
    {
        uint minimum = 0;
        Change(() =>
        {
            var (highest, _) = Epochs(clientId);
            if (highest is not { } issued)
            {
                throw Refused(RegistryError.UnknownClient, clientId, $"client '{clientId}' has never been issued a keystore");
            }
            minimum = EpochRules.MinimumAfterRevoke(issued)
                ?? throw Refused(RegistryError.EpochsExhausted, clientId, $"client '{clientId}' has used every epoch");
            var now = Now();
            Execute("UPDATE clients SET minimum_epoch = $m, changed_at = $t WHERE client_id = $c",
                ("$c", clientId), ("$m", (long)minimum), ("$t", now));
            Audit(AuditAction.Revoke, clientId, minimum, null, now);
        });
        return minimum;
    }

    /// <summary>
    /// Raises, for each client this registry knows, its minimum valid epoch to what the cluster agreed on, when that is
    /// higher (never lower), with a <c>cluster-revoke</c> audit row: so <c>clients list</c> on every node tells the truth.
    /// Ids this registry never issued stay unknown here (the cluster still refuses them). Returns how many rows rose.
    /// </summary>
    public int AdoptMinimums(IReadOnlyDictionary<string, uint> minimums)
    {
        var raised = 0;
        Change(() =>
        {
            var now = Now();
            foreach (var (clientId, epoch) in minimums)
            {
                var changed = Execute("UPDATE clients SET minimum_epoch = $m, changed_at = $t WHERE client_id = $c AND minimum_epoch < $m",
                    ("$c", clientId), ("$m", (long)epoch), ("$t", now));
                if (changed > 0)
                {
                    raised++;
                    Audit(AuditAction.ClusterRevoke, clientId, epoch, null, now);
                }
            }
        });
        return raised;
    }

    /// <summary>Makes <paramref name="newKeyIdHex"/> the current master key; the current one becomes retiring.</summary>
    public void RotateMaster(string newKeyIdHex) => Change(() =>
    {
        if (Scalar("SELECT state FROM master_keys WHERE key_id = $k", ("$k", newKeyIdHex)) is not null)
        {
            throw Refused(RegistryError.AlreadyExists, newKeyIdHex, $"the master key {newKeyIdHex} is already in the registry");
        }
        var now = Now();
        Execute("UPDATE master_keys SET state = 'retiring', changed_at = $t WHERE state = 'current'", ("$t", now));
        Execute("INSERT INTO master_keys (key_id, state, created_at, changed_at) VALUES ($k, 'current', $t, $t)",
            ("$k", newKeyIdHex), ("$t", now));
        Audit(AuditAction.MasterRotate, null, null, newKeyIdHex, now);
    });

    /// <summary>Marks a retiring master key retired: the server stops accepting it. The current key is refused.</summary>
    public void RetireMaster(string keyIdHex) => Change(() =>
    {
        var state = Scalar("SELECT state FROM master_keys WHERE key_id = $k", ("$k", keyIdHex)) as string;
        if (state is null)
        {
            throw Refused(RegistryError.UnknownMasterKey, keyIdHex, $"the registry has no master key {keyIdHex}");
        }
        if (state == "current")
        {
            throw Refused(RegistryError.CurrentMasterKey, keyIdHex, $"the master key {keyIdHex} is the current one");
        }
        var now = Now();
        Execute("UPDATE master_keys SET state = 'retired', changed_at = $t WHERE key_id = $k", ("$k", keyIdHex), ("$t", now));
        Audit(AuditAction.MasterRetire, null, null, keyIdHex, now);
    });

    /// <summary>
    /// Writes the last-seen times of a <see cref="LastSeenBatch"/> in one transaction; a time never moves backwards,
    /// and ids the registry does not know are ignored (a Hello names any id it likes). Not audited.
    /// </summary>
    public void RecordLastSeen(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> seen)
    {
        if (seen.Count == 0)
        {
            return;
        }
        Change(() =>
        {
            foreach (var (clientId, at) in seen)
            {
                var text = Format(at);
                Execute("UPDATE clients SET last_seen = $t WHERE client_id = $c AND (last_seen IS NULL OR last_seen < $t)",
                    ("$c", clientId), ("$t", text));
            }
        });
    }

    /// <summary>
    /// The cluster as this node's core last recorded it (<see cref="Core.MembershipRecorder"/>); empty when the node is
    /// no cluster member or its server never ran.
    /// </summary>
    public IReadOnlyList<ClusterMemberEntry> ClusterMembers()
    {
        if (Convert.ToInt64(Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'cluster_members';"),
                CultureInfo.InvariantCulture) == 0)
        {
            return [];
        }
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT address, status, reachable, key_ids, self, updated FROM cluster_members ORDER BY address";
        using var reader = command.ExecuteReader();
        var members = new List<ClusterMemberEntry>();
        while (reader.Read())
        {
            members.Add(new ClusterMemberEntry(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0,
                reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries), reader.GetInt64(4) != 0,
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }
        return members;
    }

    public void Dispose() => _connection.Dispose();

    private static RegistryStore Connect(string fullPath, TimeProvider time)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            // Never creates a missing file: only init does, with mode 0600 first.
            Mode = SqliteOpenMode.ReadWrite,
            // One connection per store, closed for good on Dispose: data_version is per connection.
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString());
        try
        {
            connection.Open();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw e.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt
                ? new RegistryException(RegistryError.Damaged, fullPath, $"The registry {fullPath} is damaged.", inner: e)
                : new RegistryException(RegistryError.AccessDenied, fullPath, $"The registry {fullPath} could not be opened.", inner: e);
        }
        var store = new RegistryStore(fullPath, connection, time);
        store.Execute($"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};");
        return store;
    }

    /// <summary>The marks, the version, the tables and SQLite's own quick check; any miss is damage.</summary>
    private void Verify()
    {
        if (Convert.ToInt64(Scalar("PRAGMA application_id;"), CultureInfo.InvariantCulture) != RegistrySchema.ApplicationId)
        {
            throw Damaged(null, "it is not an ActorKeys registry");
        }
        if (Convert.ToInt64(Scalar("PRAGMA user_version;"), CultureInfo.InvariantCulture) != RegistrySchema.Version)
        {
            throw Damaged(null, "its schema version is not one this version reads");
        }
        var tables = Query("SELECT name FROM sqlite_master WHERE type = 'table'", r => r.GetString(0));
        if (RegistrySchema.Tables.Any(t => !tables.Contains(t)))
        {
            throw Damaged(null, "tables are missing");
        }
        if (Scalar("PRAGMA quick_check;") as string != "ok")
        {
            throw Damaged(null, "it fails SQLite's integrity check");
        }
    }

    private (uint? Highest, uint Minimum) Epochs(string clientId)
    {
        var highest = Scalar("SELECT MAX(epoch) FROM issues WHERE client_id = $c", ("$c", clientId));
        var minimum = Scalar("SELECT minimum_epoch FROM clients WHERE client_id = $c", ("$c", clientId));
        return (highest is null or DBNull ? null : checked((uint)(long)highest),
            minimum is null or DBNull ? 0 : checked((uint)(long)minimum));
    }

    private void Audit(AuditAction action, string? clientId, uint? epoch, string? keyIdHex, string now) =>
        Execute("INSERT INTO audit (at, action, client_id, epoch, key_id) VALUES ($t, $a, $c, $e, $k)",
            ("$t", now), ("$a", AuditActions.Name(action)), ("$c", clientId), ("$e", epoch is { } e ? (long)e : null), ("$k", keyIdHex));

    /// <summary>One write transaction: <c>BEGIN IMMEDIATE</c> takes the write lock first (waiting up to the busy timeout), so
    /// what <paramref name="work"/> reads cannot be changed by another process before it commits.</summary>
    private void Change(Action work) => Guard(() =>
    {
        Execute("BEGIN IMMEDIATE;");
        try
        {
            work();
            Execute("COMMIT;");
        }
        catch
        {
            Execute("ROLLBACK;");
            throw;
        }
        return 0;
    });

    private T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteBusy)
        {
            throw new RegistryException(RegistryError.Busy, Path, $"The registry {Path} stayed locked by another process for {BusyTimeoutSeconds} s.", inner: e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteReadOnly or SqliteCannotOpen)
        {
            // A file (or folder) this user may read but not write: not damage, and not to be "repaired".
            throw new RegistryException(RegistryError.AccessDenied, Path, $"The registry {Path} cannot be written.", inner: e);
        }
        catch (SqliteException e)
        {
            throw Damaged(e);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            throw Damaged(null, "a value in it is not what the schema allows", e);
        }
    }

    private RegistryException Damaged(SqliteException? e, string why = "SQLite could not read it", Exception? inner = null) =>
        new(RegistryError.Damaged, Path, $"The registry {Path} is damaged ({why}).", inner: inner ?? e);

    private RegistryException Refused(RegistryError error, string subject, string why) =>
        new(error, Path, $"The registry {Path} refused the change: {why}.", subject);

    private string Now() => Format(_time.GetUtcNow());

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DateTimeOffset? OptionalTime(SqliteDataReader r, int column) => r.IsDBNull(column) ? null : Time(r.GetString(column));

    private static uint Epoch(SqliteDataReader r, int column) => checked((uint)r.GetInt64(column));

    private static MasterKeyState State(string text) => text switch
    {
        "current" => MasterKeyState.Current,
        "retiring" => MasterKeyState.Retiring,
        "retired" => MasterKeyState.Retired,
        _ => throw new FormatException("unknown master key state"),
    };

    /// <returns>The rows changed.</returns>
    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
