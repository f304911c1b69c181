namespace ActorKeys.KeyStore;

/// <summary>Why a keystore or master key file was refused; each value has its own message in <see cref="KeyFileException"/>.</summary>
public enum KeyFileError
{
    NotFound,
    AlreadyExists,
    InsecurePermissions,
    NotARegularFile,
    Damaged,
    WrongPassword,
    PasswordRequired,
    WrongClientId,
    UnsupportedFormat,

    /// <summary>The operating system refused to read or write the file (owner or folder permissions).</summary>
    AccessDenied,

    /// <summary>The file is owned by another user than the one running the program.</summary>
    WrongOwner,

    /// <summary>The path was swapped for another file between its check and its opening; nothing was read.</summary>
    ChangedWhileOpening,

    /// <summary>A master key ring does not hold the keyId asked for.</summary>
    KeyNotInRing,

    /// <summary>Removing this key would leave the master key file with none.</summary>
    LastKeyInRing,

    /// <summary>Another command held the master key file's edit lock for too long.</summary>
    Locked,
}
