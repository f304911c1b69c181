using System.Security.Cryptography;
using System.Text;
using Sodium;

namespace ActorKeys.Protocol.Crypto;

/// <summary>
/// The AK1 primitives (PROTOCOL.md → Primitives), each a thin, checked call into libsodium through Sodium.Core
/// (the record AEAD through <see cref="SodiumAead"/>, the same libsodium called with spans). SEAL and PWHASH, which only
/// key files use, are in ActorKeys.KeyStore.
/// Every method returns a fresh array that the caller owns and zeroes when it holds a secret.
/// </summary>
public static class Primitives
{
    private const int LabelBytes = 16;
    private static readonly byte[] ZeroSalt = new byte[16];

    /// <summary><c>KDF(key, label, input)</c>: keyed BLAKE2b-256, zero salt, label as personalisation.</summary>
    public static byte[] Kdf(ReadOnlySpan<byte> key, string label, ReadOnlySpan<byte> input)
    {
        if (key.Length != Ak1.KeyBytes)
        {
            throw new ArgumentException($"A KDF key is {Ak1.KeyBytes} bytes.", nameof(key));
        }
        var keyCopy = key.ToArray();
        // The input can be secret too (the session KDF's input is dh || th), so its copy is zeroed like the key's.
        var inputCopy = input.ToArray();
        try
        {
            return GenericHash.HashSaltPersonal(inputCopy, keyCopy, ZeroSalt, Personal(label), 32);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyCopy);
            CryptographicOperations.ZeroMemory(inputCopy);
        }
    }

    /// <summary><c>H(label, input)</c>: the same BLAKE2b without a key.</summary>
    public static byte[] Hash(string label, ReadOnlySpan<byte> input) =>
        GenericHash.HashSaltPersonal(input.ToArray(), null, ZeroSalt, Personal(label), 32);

    /// <summary>The X25519 public key of a private key.</summary>
    public static byte[] X25519Public(ReadOnlySpan<byte> privateKey)
    {
        var priv = CopyExact(privateKey, Ak1.PrivateKeyBytes, nameof(privateKey));
        try
        {
            return ScalarMult.Base(priv);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(priv);
        }
    }

    /// <summary>
    /// <c>DH(priv, pub)</c>. Sodium.Core returns 32 zero bytes for a low-order point instead of failing,
    /// so the all-zero check is done here and reported as <see cref="WeakPublicKeyException"/>.
    /// </summary>
    public static byte[] X25519(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        var priv = CopyExact(privateKey, Ak1.PrivateKeyBytes, nameof(privateKey));
        var pub = CopyExact(publicKey, Ak1.PublicKeyBytes, nameof(publicKey));
        try
        {
            var shared = ScalarMult.Mult(priv, pub);
            if (IsAllZero(shared))
            {
                throw new WeakPublicKeyException();
            }
            return shared;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(priv);
        }
    }

    /// <summary>ChaCha20-Poly1305 IETF encryption into <paramref name="output"/> (the plaintext's length plus the tag), with no allocation.</summary>
    public static void AeadEncrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext, Span<byte> output) =>
        SodiumAead.Encrypt(output, plaintext, associatedData, nonce, key);

    /// <summary>
    /// ChaCha20-Poly1305 IETF decryption into <paramref name="output"/> (the ciphertext's length less the tag), with no
    /// allocation; false, with <paramref name="output"/> zeroed, when the ciphertext is too short or the tag does not verify.
    /// </summary>
    public static bool AeadDecrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertext, Span<byte> output) =>
        ciphertext.Length >= Ak1.AeadTagBytes && SodiumAead.Decrypt(output, ciphertext, associatedData, nonce, key);

    /// <summary><c>EQ</c>: constant-time comparison.</summary>
    public static bool FixedTimeEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        CryptographicOperations.FixedTimeEquals(a, b);

    private static byte[] Personal(string label)
    {
        var personal = new byte[LabelBytes];
        var written = Encoding.ASCII.GetBytes(label, personal);
        if (written != label.Length || label.Length > LabelBytes)
        {
            throw new ArgumentException("A label is at most 16 ASCII characters.", nameof(label));
        }
        return personal;
    }

    private static byte[] CopyExact(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"Expected {length} bytes.", name);
        }
        return value.ToArray();
    }

    private static bool IsAllZero(ReadOnlySpan<byte> value)
    {
        var acc = 0;
        foreach (var b in value)
        {
            acc |= b;
        }
        return acc == 0;
    }
}

/// <summary>An X25519 peer key of low order: the shared secret would be all zeros.</summary>
public sealed class WeakPublicKeyException() : CryptographicException("The peer's ephemeral public key is of low order.");
