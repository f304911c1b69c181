// The spec only says the master key file has "the same shape" as the keystore, with format
// "actorkeys.masterkey/1" and masterKey/sealedKey. Two choices fill the gap:
//  - check = base64 of the 8-byte keyId = H("AK1 keyid", M)[0..8], recomputed from M on load (there is no
//    client id or epoch to feed the keystore's check formula); issuer is the same keyId in lowercase hex.
//  - the seal's associated data is the UTF-8 of format || issuer (there is no clientId or epoch to bind).
// Several keys (key lifecycle, PROTOCOL.md "AK1 version 2" item 8) live in one file of format
// "actorkeys.masterkeyring/1" whose "keys" list holds whole single-key documents, each with its own protection and
// salt, so an entry means the same inside a ring as alone; a single-key file reads as a ring of one.
using System.Security.Cryptography;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.KeyStore;

/// <summary>
/// The server's master key file: holds M, in the clear under mode 0600 or sealed under a password, or a ring of
/// several such keys. Every failure is a <see cref="KeyFileException"/>.
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

        using var document = Document(master, created, protection);
        KeyFileWriter.Write(fullPath, document);
    }

    /// <summary>
    /// Throws the <see cref="KeyFileException"/> that <see cref="Create"/> would throw because of the file system (file
    /// present, folder missing or not taking new files), without writing anything.
    /// </summary>
    public static void CheckCanCreate(string path) => SecureFile.CheckWritable(Path.GetFullPath(path), Kind);

    /// <summary>
    /// Loads and verifies one master key without changing the file. <paramref name="password"/> is called only when
    /// that key is sealed; without one a sealed key fails with <see cref="KeyFileError.PasswordRequired"/>.
    /// <paramref name="keyIdHex"/> picks a key of a ring; when null, the file's only key, or in a ring of several
    /// the last one (<see cref="AddKey"/> appends, so the newest).
    /// </summary>
    public static MasterSecret Load(string path, Func<string>? password = null, string? keyIdHex = null)
    {
        var fullPath = Path.GetFullPath(path);
        var entries = MasterKeyRingReader.Read(fullPath);
        try
        {
            var chosen = keyIdHex is null ? entries[^1] : entries.FirstOrDefault(e => e.Issuer == keyIdHex)
                ?? throw KeyFileErrors.KeyNotInRing(fullPath, keyIdHex);
            return Unlock(chosen, fullPath, password);
        }
        finally
        {
            entries.ForEach(e => e.Dispose());
        }
    }

    /// <summary>
    /// Every key of the file, each verified, in file order (a single-key file gives one). <paramref name="password"/>
    /// is called at most once, and only when some key is sealed; that one password opens every sealed key (each has
    /// its own salt). The caller disposes the secrets.
    /// </summary>
    public static IReadOnlyList<MasterSecret> LoadRing(string path, Func<string>? password = null)
    {
        var fullPath = Path.GetFullPath(path);
        var entries = MasterKeyRingReader.Read(fullPath);
        var secrets = new List<MasterSecret>();
        try
        {
            string? typed = null;
            Func<string>? once = password is null ? null : () => typed ??= password();
            foreach (var entry in entries)
            {
                secrets.Add(Unlock(entry, fullPath, once));
            }
            return secrets;
        }
        catch
        {
            secrets.ForEach(s => s.Dispose());
            throw;
        }
        finally
        {
            entries.ForEach(e => e.Dispose());
        }
    }

    /// <summary>The keyIds (lowercase hex) of the file's keys in file order, after every check but unlocking.</summary>
    public static IReadOnlyList<string> KeyIds(string path)
    {
        var entries = MasterKeyRingReader.Read(Path.GetFullPath(path));
        try
        {
            return entries.Select(e => e.Issuer).ToList();
        }
        finally
        {
            entries.ForEach(e => e.Dispose());
        }
    }

    /// <summary>
    /// Rewrites the file atomically (temporary file, flushed, renamed over it; mode 0600) with <paramref name="master"/>
    /// appended. A single-key file becomes a ring. The keys already there are copied as they are, without unlocking.
    /// </summary>
    public static void AddKey(string path, MasterSecret master, DateTimeOffset created, KeyProtection protection)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(protection);
        var fullPath = Path.GetFullPath(path);
        using var editing = RingEditLock.Take(fullPath);
        var entries = MasterKeyRingReader.Read(fullPath);
        try
        {
            if (entries.Any(e => e.Issuer == master.KeyIdHex))
            {
                throw KeyFileErrors.KeyAlreadyInRing(fullPath, master.KeyIdHex);
            }
            entries.Add(Document(master, created, protection));
            KeyFileWriter.WriteRing(fullPath, entries, replace: true);
        }
        finally
        {
            entries.ForEach(e => e.Dispose());
        }
    }

    /// <summary>Rewrites the file atomically without the key <paramref name="keyIdHex"/>; refuses to remove the last key.</summary>
    public static void RemoveKey(string path, string keyIdHex)
    {
        ArgumentNullException.ThrowIfNull(keyIdHex);
        var fullPath = Path.GetFullPath(path);
        using var editing = RingEditLock.Take(fullPath);
        var entries = MasterKeyRingReader.Read(fullPath);
        try
        {
            var removed = entries.FirstOrDefault(e => e.Issuer == keyIdHex) ?? throw KeyFileErrors.KeyNotInRing(fullPath, keyIdHex);
            if (entries.Count == 1)
            {
                throw KeyFileErrors.LastKeyInRing(fullPath, keyIdHex);
            }
            entries.Remove(removed);
            removed.Dispose();
            KeyFileWriter.WriteRing(fullPath, entries, replace: true);
        }
        finally
        {
            entries.ForEach(e => e.Dispose());
        }
    }

    /// <summary>True when any key of the file is sealed under a password; applies every check of <see cref="Load"/> except unlocking.</summary>
    public static bool IsProtected(string path)
    {
        var entries = MasterKeyRingReader.Read(Path.GetFullPath(path));
        try
        {
            return entries.Any(e => e.Sealed is not null);
        }
        finally
        {
            entries.ForEach(e => e.Dispose());
        }
    }

    private static KeyFileDocument Document(MasterSecret master, DateTimeOffset created, KeyProtection protection)
    {
        var secret = master.ExportSecret();
        try
        {
            return KeyFileDocument.Create(Kind, clientId: null, epoch: 0, master.KeyIdHex, created,
                check: master.KeyId, secret, protection);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static MasterSecret Unlock(KeyFileDocument document, string fullPath, Func<string>? password)
    {
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
}
