namespace ActorKeys.Protocol.KeyFiles;

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
}
