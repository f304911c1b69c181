namespace ActorKeys.KeyStore;

/// <summary>
/// Which file a path names now (device and inode, the link itself when it is one): a program that keeps a file open can
/// tell when the path was given another file, e.g. a registry replaced by a rename while a server runs.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none (or it cannot be read).</summary>
    public static FileIdentity? Of(string path) =>
        OperatingSystem.IsLinux() && UnixFiles.Lstat(path, out _) is { } status ? new FileIdentity(status.Device, status.Inode) : null;
}
