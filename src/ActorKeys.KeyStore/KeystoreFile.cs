using System.Security.Cryptography;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.KeyStore;

/// <summary>
/// The client's keystore file <c>keystore_id_&lt;id&gt;.json</c> (PROTOCOL.md → Keystore file): holds the access key A,
/// in the clear under mode 0600 or sealed under a password. Every failure is a <see cref="KeyFileException"/>.
/// </summary>
public static class KeystoreFile
{
    private static KeyFileKind Kind => KeyFileFormat.Keystore;

    /// <summary><c>keystore_id_&lt;id&gt;.json</c>; throws <see cref="ArgumentException"/> for an invalid id.</summary>
    public static string FileName(string clientId) =>
        $"keystore_id_{ClientId.Validate(clientId, nameof(clientId))}.json";

    /// <summary>
    /// Writes a new keystore atomically with mode 0600; never replaces an existing file. Returns the full path.
    /// Internal: the product issues keystores (<see cref="Issue"/>); only tests write credentials of their own making.
    /// </summary>
    internal static string Write(string path, ClientCredentials credentials, DateTimeOffset created, KeyProtection protection)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(protection);
        var fullPath = Path.GetFullPath(path);
        // Before the (possibly slow) Argon2id, so the common mistakes fail fast.
        SecureFile.CheckWritable(fullPath, Kind);

        var accessKey = credentials.CopyAccessKey();
        try
        {
            var check = AccessKeys.Check(accessKey, credentials.ClientId, credentials.Epoch);
            using var document = KeyFileDocument.Create(Kind, credentials.ClientId, credentials.Epoch,
                Convert.ToHexStringLower(credentials.IssuerKeyId), created, check, accessKey, protection);
            KeyFileWriter.Write(fullPath, document);
            return fullPath;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(accessKey);
        }
    }

    /// <summary>
    /// Derives the access key of <paramref name="clientId"/> at <paramref name="epoch"/> and writes it to
    /// <paramref name="folder"/>/<see cref="FileName"/>, creating the folder with mode 0700 if needed. Returns the full path.
    /// </summary>
    public static string Issue(MasterSecret master, string clientId, uint epoch, string folder, KeyProtection protection,
        DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(master);
        var path = Path.GetFullPath(Path.Combine(folder, FileName(clientId)));
        CreateFolder(Path.GetDirectoryName(path)!, path);
        SecureFile.CheckWritable(path, Kind);

        var accessKey = master.DeriveAccessKey(clientId, epoch);
        try
        {
            using var credentials = new ClientCredentials(clientId, epoch, master.KeyId, accessKey);
            return Write(path, credentials, created, protection);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(accessKey);
        }
    }

    /// <summary>
    /// Writes credentials minted elsewhere (the key authority) to <paramref name="folder"/>/<see cref="FileName"/>,
    /// creating the folder with mode 0700 if needed; returns the full path. An existing keystore is refused unless
    /// <paramref name="replace"/>, which rewrites it atomically (temporary file, flushed, renamed over it; mode 0600).
    /// </summary>
    public static string Save(string folder, ClientCredentials credentials, KeyProtection protection, DateTimeOffset created, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(protection);
        var path = Path.GetFullPath(Path.Combine(folder, FileName(credentials.ClientId)));
        if (!replace || !SecureFile.EntryExists(path))
        {
            CreateFolder(Path.GetDirectoryName(path)!, path);
            return Write(path, credentials, created, protection);
        }
        // What is replaced must itself be a keystore file we would read (no symlink, our own, in a safe folder).
        Inspect(path);
        var accessKey = credentials.CopyAccessKey();
        try
        {
            var check = AccessKeys.Check(accessKey, credentials.ClientId, credentials.Epoch);
            using var document = KeyFileDocument.Create(Kind, credentials.ClientId, credentials.Epoch,
                Convert.ToHexStringLower(credentials.IssuerKeyId), created, check, accessKey, protection);
            KeyFileWriter.Write(path, document, replace: true);
            return path;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(accessKey);
        }
    }

    /// <summary>
    /// Throws the <see cref="KeyFileException"/> that <see cref="Issue"/> would throw for <paramref name="clientId"/> in
    /// <paramref name="folder"/> because of the file system (file present, folder unusable or unsafe), without writing
    /// anything: a command issuing several files checks them all first, so that it never stops half-way.
    /// </summary>
    public static void CheckCanIssue(string folder, string clientId)
    {
        var path = Path.GetFullPath(Path.Combine(folder, FileName(clientId)));
        var fullFolder = Path.GetDirectoryName(path)!;
        if (Directory.Exists(fullFolder))
        {
            SecureFile.CheckWritable(path, Kind);
            return;
        }
        // Issue would create the folder (and its missing parents): the nearest existing one must be a folder that takes entries.
        var existing = fullFolder;
        while (!SecureFile.EntryExists(existing))
        {
            existing = Path.GetDirectoryName(existing)!;
        }
        if (!Directory.Exists(existing))
        {
            throw KeyFileErrors.FolderIsNotAFolder(Kind, path, existing);
        }
        SecureFile.ProbeFolder(existing, Kind, path);
    }

    /// <summary>
    /// Loads and verifies a keystore without changing it. <paramref name="password"/> is called only when the file is
    /// sealed; without one a sealed file fails with <see cref="KeyFileError.PasswordRequired"/>.
    /// </summary>
    public static ClientCredentials Load(string path, string expectedClientId, Func<string>? password = null)
    {
        ClientId.Validate(expectedClientId, nameof(expectedClientId));
        var fullPath = Path.GetFullPath(path);
        using var document = KeyFileLoader.Read(fullPath, Kind);
        var clientId = document.ClientId!;
        if (!string.Equals(clientId, expectedClientId, StringComparison.Ordinal))
        {
            throw KeyFileErrors.WrongClientId(fullPath, clientId, expectedClientId);
        }

        var accessKey = KeyFileLoader.UnlockKey(document, fullPath, password);
        try
        {
            KeyFileLoader.VerifyCheck(document, AccessKeys.Check(accessKey, clientId, document.Epoch), fullPath);
            return new ClientCredentials(clientId, document.Epoch, Convert.FromHexString(document.Issuer), accessKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(accessKey);
        }
    }

    /// <summary>The metadata of a keystore, after the same safety and parse checks as <see cref="Load"/>; never the key.</summary>
    public static KeystoreInfo Inspect(string path)
    {
        var fullPath = Path.GetFullPath(path);
        using var document = KeyFileLoader.Read(fullPath, Kind);
        return new KeystoreInfo(document.ClientId!, document.Epoch, document.Issuer, document.Created, document.Protection);
    }

    private static void CreateFolder(string folder, string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                // Only applies when the folder is new; an existing folder's mode is checked, not changed. .NET gives
                // the mode to the last folder only, so each missing parent is created on its own, 0700 as well.
                var missing = new Stack<string>();
                for (var f = folder; !Directory.Exists(f); f = Path.GetDirectoryName(f)!)
                {
                    missing.Push(f);
                }
                foreach (var f in missing)
                {
                    Directory.CreateDirectory(f, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw KeyFileErrors.AccessDenied(Kind, path, ex);
        }
        catch (IOException ex)
        {
            // A file where the folder should be (or one of its parents).
            throw SecureFile.EntryExists(folder) && !Directory.Exists(folder)
                ? KeyFileErrors.FolderIsNotAFolder(Kind, path, folder)
                : KeyFileErrors.CannotWrite(Kind, path, folder, ex);
        }
    }
}
