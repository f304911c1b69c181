using System.Security.Cryptography;
using ActorKeys.Protocol;
using Sodium;

namespace ActorKeys.KeyStore;

/// <summary>
/// <c>SEAL</c> and <c>PWHASH</c> (PROTOCOL.md → Primitives): the two primitives that only key files use, so they live
/// with the files rather than with the handshake's primitives.
/// </summary>
internal static class SealPrimitives
{
    /// <summary><c>SEAL</c>: XChaCha20-Poly1305 encryption, tag appended.</summary>
    public static byte[] XSeal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) =>
        SecretAeadXChaCha20Poly1305.Encrypt(plaintext, nonce, key, associatedData);

    /// <summary>XChaCha20-Poly1305 decryption; null when the tag does not verify.</summary>
    public static byte[]? XOpen(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext)
    {
        if (ciphertext.Length < Ak1.AeadTagBytes || nonce.Length != KeyFileFormat.SealNonceBytes)
        {
            return null;
        }
        try
        {
            return SecretAeadXChaCha20Poly1305.Decrypt(ciphertext, nonce, key, associatedData);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary><c>PWHASH</c>: Argon2id v1.3 of a password into a 32-byte key.</summary>
    public static byte[] Argon2id(byte[] password, byte[] salt, long opsLimit, long memLimitBytes) =>
        PasswordHash.ArgonHashBinary(password, salt, opsLimit, checked((int)memLimitBytes), Ak1.KeyBytes,
            PasswordHash.ArgonAlgorithm.Argon_2ID13);
}
