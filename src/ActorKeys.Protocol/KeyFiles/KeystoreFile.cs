using System.Security.Cryptography;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Protocol.KeyFiles;

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

    /// <summary>Writes a new keystore atomically with mode 0600; never replaces an existing file. Returns the full path.</summary>
    public static string Write(string path, ClientCredentials credentials, DateTimeOffset created, KeyProtection protection)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(protection);
        var fullPath = Path.GetFullPath(path);
        // Before the (possibly slow) Argon2id, so the common mistake fails fast.
        if (SecureFile.EntryExists(fullPath))
        {
            throw KeyFileErrors.AlreadyExists(Kind, fullPath);
        }

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
        if (SecureFile.EntryExists(path))
        {
            throw KeyFileErrors.AlreadyExists(Kind, path);
        }

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
                // Only applies when the folder is new; an existing folder's mode is the operator's choice.
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw KeyFileErrors.AccessDenied(Kind, path, ex);
        }
    }
}
