using ActorKeys.Protocol.Crypto;
using System.Security.Cryptography;

namespace ActorKeys.KeyStore;

/// <summary>The loading steps shared by both file kinds: safe read, strict parse, and unlocking the key.</summary>
internal static class KeyFileLoader
{
    /// <summary>Reads and parses <paramref name="path"/> (already full); the caller disposes the document.</summary>
    public static KeyFileDocument Read(string path, KeyFileKind kind)
    {
        var bytes = SecureFile.ReadAll(path, kind);
        try
        {
            return KeyFileParser.Parse(bytes, kind, path);
        }
        finally
        {
            // The raw file holds the key in base64 when it is not sealed.
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// The key in the clear, which the caller zeroes. Asks <paramref name="password"/> only for a sealed file;
    /// its own exceptions pass through unchanged.
    /// </summary>
    public static byte[] UnlockKey(KeyFileDocument document, string path, Func<string>? password)
    {
        if (document.PlainKey is { } plain)
        {
            return plain.ToArray();
        }
        var sealedKey = document.Sealed!;
        var secret = password?.Invoke() ?? throw KeyFileErrors.PasswordRequired(document.Kind, path);
        byte[]? key;
        try
        {
            key = PasswordSeal.Open(sealedKey, secret, document.AssociatedData());
        }
        catch (Exception ex) when (ex is not KeyFileException)
        {
            // Parameters were range-checked, so libsodium failing here means the file asked for something odd.
            throw KeyFileErrors.Damaged(document.Kind, path, "its argon2id parameters could not be used");
        }
        return key ?? throw KeyFileErrors.WrongPassword(document.Kind, path);
    }

    /// <summary>Constant-time comparison of a recomputed check value with the file's.</summary>
    public static void VerifyCheck(KeyFileDocument document, ReadOnlySpan<byte> expected, string path)
    {
        if (!Primitives.FixedTimeEquals(expected, document.Check))
        {
            throw KeyFileErrors.Damaged(document.Kind, path, "its check value does not match the key");
        }
    }
}
