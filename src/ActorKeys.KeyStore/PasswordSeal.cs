using System.Security.Cryptography;
using System.Text;

namespace ActorKeys.KeyStore;

/// <summary><c>SEAL(PWHASH(password, salt), nonce, ad, key)</c> and its inverse; every derived key is zeroed here.</summary>
internal static class PasswordSeal
{
    public static SealedKey Seal(byte[] key, PasswordProtection protection, byte[] associatedData)
    {
        var salt = RandomNumberGenerator.GetBytes(KeyFileFormat.SaltBytes);
        var nonce = RandomNumberGenerator.GetBytes(KeyFileFormat.SealNonceBytes);
        var wrappingKey = DeriveWrappingKey(protection.Secret, salt, protection.Parameters);
        try
        {
            var ciphertext = SealPrimitives.XSeal(wrappingKey, nonce, associatedData, key);
            return new SealedKey(ciphertext, nonce, salt, protection.Parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
        }
    }

    /// <summary>The key, which the caller zeroes; null when the password is wrong or the sealed data was changed.</summary>
    public static byte[]? Open(SealedKey sealedKey, string password, byte[] associatedData)
    {
        var wrappingKey = DeriveWrappingKey(password, sealedKey.Salt, sealedKey.Parameters);
        try
        {
            return SealPrimitives.XOpen(wrappingKey, sealedKey.Nonce, associatedData, sealedKey.Ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
        }
    }

    private static byte[] DeriveWrappingKey(string password, byte[] salt, Argon2Parameters parameters)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return SealPrimitives.Argon2id(passwordBytes, salt, parameters.OpsLimit, parameters.MemLimitBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }
}
