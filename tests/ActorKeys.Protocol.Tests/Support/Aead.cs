using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Tests.Support;

/// <summary>
/// The record AEAD as whole arrays, over the span API the product uses, so the vectors and RFC checks read as the
/// spec writes them.
/// </summary>
public static class Aead
{
    /// <summary>Ciphertext with its 16-byte tag appended.</summary>
    public static byte[] Encrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext)
    {
        var output = new byte[plaintext.Length + Ak1.AeadTagBytes];
        Primitives.AeadEncrypt(key, nonce, associatedData, plaintext, output);
        return output;
    }

    /// <summary>The plaintext; null when the ciphertext is too short or the tag does not verify.</summary>
    public static byte[]? Decrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext)
    {
        var output = new byte[Math.Max(0, ciphertext.Length - Ak1.AeadTagBytes)];
        return Primitives.AeadDecrypt(key, nonce, associatedData, ciphertext, output) ? output : null;
    }
}
