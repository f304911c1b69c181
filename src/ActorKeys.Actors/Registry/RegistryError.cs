namespace ActorKeys.Actors.Registry;

/// <summary>Why the registry refused an open or a change; each value has its own sentence in the command line.</summary>
public enum RegistryError
{
    /// <summary>No registry file at the path: <c>actorkeys init</c> creates it.</summary>
    NotFound,

    /// <summary><c>init</c> found a file (or anything) already at the path.</summary>
    AlreadyExists,

    /// <summary>Not SQLite, not an ActorKeys registry, of another schema version, or failing its integrity check.</summary>
    Damaged,

    /// <summary>The file (or its -wal / -shm companions) can be read or changed by other users, or is no regular file.</summary>
    InsecurePermissions,

    /// <summary>The operating system refused access, or the file could not be created.</summary>
    AccessDenied,

    /// <summary>The client id has never been issued a keystore (revoke, rotate, show).</summary>
    UnknownClient,

    /// <summary>A first issue for a client id that already has one (use <c>clients rotate</c>).</summary>
    AlreadyIssued,

    /// <summary>The client's epochs are used up (u32).</summary>
    EpochsExhausted,

    /// <summary>The master keyId is not in the registry (or not in the ring that should hold it).</summary>
    UnknownMasterKey,

    /// <summary>Retiring the current master key, which new keystores are issued under.</summary>
    CurrentMasterKey,

    /// <summary>The registry names no current master key.</summary>
    NoCurrentMasterKey,

    /// <summary>The registry's current master key is not in the master key file given (minting only).</summary>
    CurrentKeyNotInRing,

    /// <summary>Another process held the registry's write lock for longer than the busy timeout.</summary>
    Busy,
}
