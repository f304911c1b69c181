// The spec only says the master key file has "the same shape" as the keystore, with format
// "actorkeys.masterkey/1" and masterKey/sealedKey. Two choices fill the gap:
//  - check = base64 of the 8-byte keyId = H("AK1 keyid", M)[0..8], recomputed from M on load (there is no
//    client id or epoch to feed the keystore's check formula); issuer is the same keyId in lowercase hex.
//  - the seal's associated data is the UTF-8 of format || issuer (there is no clientId or epoch to bind).
using System.Security.Cryptography;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.KeyStore;

/// <summary>
/// The server's master key file: holds M, in the clear under mode 0600 or sealed under a password.
/// Every failure is a <see cref="KeyFileException"/>.
/// </summary>
public static class MasterKeyFile
{
    private static KeyFileKind Kind => KeyFileFormat.MasterKey;

    /// <summary>Writes a new master key file atomically with mode 0600; never replaces an existing file.</summary>
    public static void Create(string path, MasterSecret master, DateTimeOffset created, KeyProtection protection)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(protection);
        var fullPath = Path.GetFullPath(path);
        SecureFile.CheckWritable(fullPath, Kind);

        var secret = master.ExportSecret();
        try
        {
            using var document = KeyFileDocument.Create(Kind, clientId: null, epoch: 0, master.KeyIdHex, created,
                check: master.KeyId, secret, protection);
            KeyFileWriter.Write(fullPath, document);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Throws the <see cref="KeyFileException"/> that <see cref="Create"/> would throw because of the file system (file
    /// present, folder missing or not taking new files), without writing anything.
    /// </summary>
    public static void CheckCanCreate(string path) => SecureFile.CheckWritable(Path.GetFullPath(path), Kind);

    /// <summary>
    /// Loads and verifies the master key without changing the file. <paramref name="password"/> is called only when
    /// the file is sealed; without one a sealed file fails with <see cref="KeyFileError.PasswordRequired"/>.
    /// </summary>
    public static MasterSecret Load(string path, Func<string>? password = null)
    {
        var fullPath = Path.GetFullPath(path);
        using var document = KeyFileLoader.Read(fullPath, Kind);
        var secret = KeyFileLoader.UnlockKey(document, fullPath, password);
        try
        {
            var keyId = AccessKeys.KeyIdOf(secret);
            KeyFileLoader.VerifyCheck(document, keyId, fullPath);
            // issuer is not covered by the check (only by the seal), so compare it too.
            if (Convert.ToHexStringLower(keyId) != document.Issuer)
            {
                throw KeyFileErrors.Damaged(Kind, fullPath, "its issuer does not match the key");
            }
            return new MasterSecret(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>True when the file is sealed under a password; applies every check of <see cref="Load"/> except unlocking.</summary>
    public static bool IsProtected(string path)
    {
        var fullPath = Path.GetFullPath(path);
        using var document = KeyFileLoader.Read(fullPath, Kind);
        return document.Sealed is not null;
    }
}
