using System.Runtime.Versioning;

namespace ActorKeys.Actors.Registry;

/// <summary>
/// The registry file's safety on disk, judged like a key file's: a regular file (no symlink), owned by this user, mode 0600 from its
/// creation, and its SQLite companions (<c>-wal</c>, <c>-shm</c>) kept at 0600 too. It holds no secret, but whoever can
/// change it can revoke every client or un-revoke a stolen keystore.
/// </summary>
internal static class RegistryFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static readonly string[] CompanionSuffixes = ["-wal", "-shm", "-journal"];

    /// <summary>Creates the empty file with mode 0600 before any byte is written; refuses anything already at the path.</summary>
    public static void CreateEmpty(string path)
    {
        if (Exists(path))
        {
            throw new RegistryException(RegistryError.AlreadyExists, path, $"The registry {path} already exists and was left unchanged.");
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        try
        {
            new FileStream(path, options).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Exists(path)
                ? new RegistryException(RegistryError.AlreadyExists, path, $"The registry {path} already exists and was left unchanged.", inner: e)
                : new RegistryException(RegistryError.AccessDenied, path, $"The registry {path} could not be created.", inner: e);
        }
    }

    /// <summary>Refuses a missing file, anything but a regular file, and a file others may read or change.</summary>
    public static void CheckExisting(string path)
    {
        var entry = new FileInfo(path);
        if (entry.LinkTarget is not null || Directory.Exists(path))
        {
            throw new RegistryException(RegistryError.InsecurePermissions, path, $"The registry {path} is not a regular file.");
        }
        if (!entry.Exists)
        {
            throw new RegistryException(RegistryError.NotFound, path, $"The registry {path} was not found.");
        }
        if (KeyStore.FileOwner.OtherOwner(path) is { } owner)
        {
            throw new RegistryException(RegistryError.InsecurePermissions, path, $"The registry {path} belongs to another user (uid {owner}).");
        }
        if (!OperatingSystem.IsWindows())
        {
            CheckMode(path, entry.UnixFileMode);
            foreach (var companion in CompanionSuffixes.Select(s => path + s).Where(File.Exists))
            {
                CheckMode(path, File.GetUnixFileMode(companion));
            }
        }
    }

    /// <summary>
    /// SQLite gives <c>-wal</c> and <c>-shm</c> the database file's mode; this makes sure of it after they were created
    /// (a file left by another tool, or a system whose SQLite behaves otherwise), and fails when that is impossible.
    /// </summary>
    public static void TightenCompanions(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (var companion in CompanionSuffixes.Select(s => path + s).Where(File.Exists))
        {
            Tighten(path, companion);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void Tighten(string path, string companion)
    {
        try
        {
            if ((File.GetUnixFileMode(companion) & GroupOrOther) != 0)
            {
                File.SetUnixFileMode(companion, OwnerOnly);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException(RegistryError.InsecurePermissions, path,
                $"The registry {path} has a companion file {companion} that others can read and that could not be restricted.", inner: e);
        }
    }

    private static void CheckMode(string path, UnixFileMode mode)
    {
        if ((mode & GroupOrOther) != 0)
        {
            throw new RegistryException(RegistryError.InsecurePermissions, path, $"The registry {path} can be read or changed by other users.");
        }
    }

    private static bool Exists(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;
}
