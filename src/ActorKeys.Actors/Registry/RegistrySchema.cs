namespace ActorKeys.Actors.Registry;

/// <summary>
/// The registry's tables (version 1) and the marks that tell an ActorKeys registry from any other SQLite file:
/// <c>PRAGMA application_id</c> and <c>PRAGMA user_version</c>. The registry holds no secret: epochs, keyIds and times.
/// </summary>
internal static class RegistrySchema
{
    /// <summary>"AKrg" in ASCII: SQLite's header field for the application that owns the file.</summary>
    public const int ApplicationId = 0x414B7267;

    public const int Version = 1;

    public static readonly string[] Tables = ["clients", "issues", "master_keys", "audit"];

    /// <summary>Run once, by <c>init</c>, in the transaction that records the first master key.</summary>
    public static readonly string Create = $"""
        PRAGMA application_id = {ApplicationId};
        PRAGMA user_version = {Version};
        CREATE TABLE clients (
            client_id TEXT PRIMARY KEY NOT NULL,
            minimum_epoch INTEGER NOT NULL CHECK (minimum_epoch BETWEEN 0 AND 4294967295),
            changed_at TEXT,
            last_seen TEXT
        ) STRICT;
        CREATE TABLE issues (
            client_id TEXT NOT NULL REFERENCES clients (client_id),
            epoch INTEGER NOT NULL CHECK (epoch BETWEEN 0 AND 4294967295),
            key_id TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            PRIMARY KEY (client_id, epoch)
        ) STRICT;
        CREATE TABLE master_keys (
            key_id TEXT PRIMARY KEY NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('current', 'retiring', 'retired')),
            created_at TEXT NOT NULL,
            changed_at TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX one_current_master_key ON master_keys (state) WHERE state = 'current';
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            client_id TEXT,
            epoch INTEGER,
            key_id TEXT
        ) STRICT;
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """;
}
