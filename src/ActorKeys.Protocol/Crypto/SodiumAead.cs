using System.Runtime.InteropServices;

namespace ActorKeys.Protocol.Crypto;

/// <summary>
/// ChaCha20-Poly1305 IETF over spans, calling the same native libsodium that Sodium.Core brings (and initialises),
/// so that sealing and opening a record need no array besides the one that leaves the call. The byte output is
/// libsodium's, exactly as through Sodium.Core's byte[] API (RFC 8439 and the AK1 vectors check it).
/// Every length is checked here before the native call.
/// </summary>
internal static class SodiumAead
{
    private const string Library = "libsodium";

    static SodiumAead() => Sodium.SodiumCore.Init();

    /// <summary>Writes <c>ciphertext || tag</c> of <paramref name="plaintext"/> into <paramref name="output"/>, which is exactly 16 bytes longer.</summary>
    public static void Encrypt(Span<byte> output, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        CheckKeyAndNonce(key, nonce);
        if (output.Length != plaintext.Length + Ak1.AeadTagBytes)
        {
            throw new ArgumentException("The output is the plaintext's length plus the 16-byte tag.", nameof(output));
        }
        if (output.Overlaps(plaintext))
        {
            throw new ArgumentException("The output must not overlap the plaintext.", nameof(output));
        }
        var result = Encrypt(ref MemoryMarshal.GetReference(output), out var written,
            ref MemoryMarshal.GetReference(plaintext), (ulong)plaintext.Length,
            ref MemoryMarshal.GetReference(associatedData), (ulong)associatedData.Length,
            IntPtr.Zero, ref MemoryMarshal.GetReference(nonce), ref MemoryMarshal.GetReference(key));
        if (result != 0 || written != (ulong)output.Length)
        {
            throw new System.Security.Cryptography.CryptographicException("ChaCha20-Poly1305 encryption failed.");
        }
    }

    /// <summary>
    /// Verifies and decrypts <c>ciphertext || tag</c> into <paramref name="output"/> (16 bytes shorter); false, with
    /// <paramref name="output"/> zeroed, when the tag does not verify.
    /// </summary>
    public static bool Decrypt(Span<byte> output, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        CheckKeyAndNonce(key, nonce);
        if (ciphertext.Length < Ak1.AeadTagBytes || output.Length != ciphertext.Length - Ak1.AeadTagBytes)
        {
            throw new ArgumentException("The output is the ciphertext's length less the 16-byte tag.", nameof(output));
        }
        if (output.Overlaps(ciphertext))
        {
            throw new ArgumentException("The output must not overlap the ciphertext.", nameof(output));
        }
        var result = Decrypt(ref MemoryMarshal.GetReference(output), out var written, IntPtr.Zero,
            ref MemoryMarshal.GetReference(ciphertext), (ulong)ciphertext.Length,
            ref MemoryMarshal.GetReference(associatedData), (ulong)associatedData.Length,
            ref MemoryMarshal.GetReference(nonce), ref MemoryMarshal.GetReference(key));
        if (result != 0 || written != (ulong)output.Length)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(output);
            return false;
        }
        return true;
    }

    private static void CheckKeyAndNonce(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        if (key.Length != Ak1.KeyBytes)
        {
            throw new ArgumentException($"A ChaCha20-Poly1305 key is {Ak1.KeyBytes} bytes.", nameof(key));
        }
        if (nonce.Length != Ak1.AeadNonceBytes)
        {
            throw new ArgumentException($"A ChaCha20-Poly1305 IETF nonce is {Ak1.AeadNonceBytes} bytes.", nameof(nonce));
        }
    }

    // `ref byte` parameters are pinned for the call by the marshaller: no unsafe code, no copies.
    [DllImport(Library, EntryPoint = "crypto_aead_chacha20poly1305_ietf_encrypt", CallingConvention = CallingConvention.Cdecl)]
    private static extern int Encrypt(ref byte c, out ulong clen, ref byte m, ulong mlen, ref byte ad, ulong adlen,
        IntPtr nsec, ref byte npub, ref byte k);

    [DllImport(Library, EntryPoint = "crypto_aead_chacha20poly1305_ietf_decrypt", CallingConvention = CallingConvention.Cdecl)]
    private static extern int Decrypt(ref byte m, out ulong mlen, IntPtr nsec, ref byte c, ulong clen, ref byte ad, ulong adlen,
        ref byte npub, ref byte k);
}
