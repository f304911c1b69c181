using System.Security.Cryptography;

namespace ActorKeys.KeyStore;

/// <summary>
/// A private key kept as PKCS#8 PEM (the cluster CA's and each node's TLS key), under the same rules as the master key
/// file: written atomically with mode 0600 from the first byte and never over an existing file; read only when no other
/// user can read, change or own it, through the very file that was checked. Errors are <see cref="KeyFileException"/>s
/// whose one sentence names the path; the key itself never appears in one.
/// </summary>
public static class PrivateKeyPemFile
{
    /// <summary>Fails with <see cref="KeyFileError.AlreadyExists"/> (or another <see cref="KeyFileException"/>) unless the key can be written at <paramref name="path"/>.</summary>
    public static void CheckCanCreate(string path) => SecureFile.CheckWritable(Path.GetFullPath(path), KeyFileFormat.PrivateKeyPem);

    /// <summary>Writes <paramref name="pem"/> to the new file <paramref name="path"/> (0600, atomic, never replacing a file).</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> pem) =>
        SecureFile.WriteNew(Path.GetFullPath(path), pem, KeyFileFormat.PrivateKeyPem);

    /// <summary>
    /// The PEM text of the key at <paramref name="path"/>, as characters the caller zeroes
    /// (<see cref="Array.Clear(Array)"/>) once the key is loaded: a string could not be wiped.
    /// </summary>
    public static char[] ReadPem(string path)
    {
        var full = Path.GetFullPath(path);
        var bytes = SecureFile.ReadAll(full, KeyFileFormat.PrivateKeyPem);
        try
        {
            var text = new char[System.Text.Encoding.ASCII.GetCharCount(bytes)];
            System.Text.Encoding.ASCII.GetChars(bytes, text);
            if (text.AsSpan().IndexOf("PRIVATE KEY-----".AsSpan()) < 0)
            {
                Array.Clear(text);
                throw KeyFileErrors.Damaged(KeyFileFormat.PrivateKeyPem, full, "it holds no PEM private key");
            }
            return text;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
