namespace ActorKeys.KeyStore;

/// <summary>
/// Who owns a file, as the key files are judged (<see cref="SecureFile"/>): for other secret-adjacent files, such as the
/// key lifecycle registry, that whoever else owns could change at will.
/// </summary>
public static class FileOwner
{
    /// <summary>
    /// The owner's uid when <paramref name="path"/> (not followed if a link) belongs to another user than the one running
    /// this program; null when it is this user's, or when that cannot be told (not Linux, or no such entry).
    /// </summary>
    public static uint? OtherOwner(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var status = UnixFiles.Lstat(Path.GetFullPath(path), out _);
        return status is { } entry && entry.Owner != UnixFiles.EffectiveUserId ? entry.Owner : null;
    }
}
