using System.Security.Cryptography;
using System.Text;

namespace ActorKeys.Protocol.Crypto;

/// <summary>
/// The AK1 primitives (PROTOCOL.md → Primitives), each a thin, checked call into the libsodium that Sodium.Core brings,
/// with spans (<see cref="SodiumBlake2b"/>, <see cref="SodiumX25519"/>, <see cref="SodiumAead"/>): no key, input or
/// label is copied into an array on the way. SEAL and PWHASH, which only key files use, are in ActorKeys.KeyStore.
/// Every method that returns an array returns a fresh one that the caller owns and zeroes when it holds a secret.
/// </summary>
public static class Primitives
{
    private const int OutputBytes = 32;

    /// <summary><c>KDF(key, label, input)</c>: keyed BLAKE2b-256, zero salt, label as personalisation.</summary>
    public static byte[] Kdf(ReadOnlySpan<byte> key, string label, ReadOnlySpan<byte> input)
    {
        if (key.Length != Ak1.KeyBytes)
        {
            throw new ArgumentException($"A KDF key is {Ak1.KeyBytes} bytes.", nameof(key));
        }
        var output = new byte[OutputBytes];
        Span<byte> personal = stackalloc byte[SodiumBlake2b.PersonalBytes];
        SodiumBlake2b.Hash(output, input, key, Personal(label, personal));
        return output;
    }

    /// <summary><c>H(label, input)</c>: the same BLAKE2b without a key.</summary>
    public static byte[] Hash(string label, ReadOnlySpan<byte> input)
    {
        var output = new byte[OutputBytes];
        Span<byte> personal = stackalloc byte[SodiumBlake2b.PersonalBytes];
        SodiumBlake2b.Hash(output, input, ReadOnlySpan<byte>.Empty, Personal(label, personal));
        return output;
    }

    /// <summary>The X25519 public key of a private key.</summary>
    public static byte[] X25519Public(ReadOnlySpan<byte> privateKey)
    {
        var output = new byte[Ak1.PublicKeyBytes];
        SodiumX25519.PublicKey(output, privateKey);
        return output;
    }

    /// <summary>
    /// <c>DH(priv, pub)</c>. A peer key of low order would give 32 zero bytes; libsodium refuses it, and that is reported
    /// as <see cref="WeakPublicKeyException"/>. The output is tested here too, so that a libsodium built without that
    /// check (older ones returned the zeros) could not let an all-zero secret through.
    /// </summary>
    public static byte[] X25519(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        var shared = new byte[Ak1.PublicKeyBytes];
        if (!SodiumX25519.SharedSecret(shared, privateKey, publicKey) || IsAllZero(shared))
        {
            throw new WeakPublicKeyException();
        }
        return shared;
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

    /// <summary>The label in ASCII, zero-padded to 16 bytes, in <paramref name="personal"/>.</summary>
    private static ReadOnlySpan<byte> Personal(string label, Span<byte> personal)
    {
        personal.Clear();
        if (label.Length > personal.Length || !Ascii.IsValid(label) || Encoding.ASCII.GetBytes(label, personal) != label.Length)
        {
            throw new ArgumentException("A label is at most 16 ASCII characters.", nameof(label));
        }
        return personal;
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
