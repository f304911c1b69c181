using System.Runtime.InteropServices;

namespace ActorKeys.Protocol.Crypto;

/// <summary>
/// X25519 over spans, calling the same native libsodium that Sodium.Core brings (and initialises), as
/// <see cref="SodiumAead"/> does for the record AEAD: the private key is read where it lies instead of being copied into
/// a new array for Sodium.Core (and zeroed again). Every length is checked here before the native call.
/// </summary>
internal static class SodiumX25519
{
    private const string Library = "libsodium";

    static SodiumX25519() => Sodium.SodiumCore.Init();

    /// <summary>Writes the public key of <paramref name="privateKey"/> into <paramref name="output"/>.</summary>
    public static void PublicKey(Span<byte> output, ReadOnlySpan<byte> privateKey)
    {
        Check(output, privateKey);
        if (Base(ref MemoryMarshal.GetReference(output), ref MemoryMarshal.GetReference(privateKey)) != 0)
        {
            throw new System.Security.Cryptography.CryptographicException("X25519 failed.");
        }
    }

    /// <summary>
    /// Writes <c>DH(privateKey, publicKey)</c> into <paramref name="output"/>; false, with <paramref name="output"/> zeroed,
    /// when the result is all zeros (a peer key of low order), which libsodium reports as a failure.
    /// </summary>
    public static bool SharedSecret(Span<byte> output, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        Check(output, privateKey);
        if (publicKey.Length != Ak1.PublicKeyBytes)
        {
            throw new ArgumentException($"An X25519 public key is {Ak1.PublicKeyBytes} bytes.", nameof(publicKey));
        }
        if (Mult(ref MemoryMarshal.GetReference(output), ref MemoryMarshal.GetReference(privateKey),
                ref MemoryMarshal.GetReference(publicKey)) != 0)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(output);
            return false;
        }
        return true;
    }

    private static void Check(Span<byte> output, ReadOnlySpan<byte> privateKey)
    {
        if (output.Length != Ak1.PublicKeyBytes)
        {
            throw new ArgumentException($"An X25519 output is {Ak1.PublicKeyBytes} bytes.", nameof(output));
        }
        if (privateKey.Length != Ak1.PrivateKeyBytes)
        {
            throw new ArgumentException($"An X25519 private key is {Ak1.PrivateKeyBytes} bytes.", nameof(privateKey));
        }
    }

    // `ref byte` parameters are pinned for the call by the marshaller: no unsafe code, no copies.
    [DllImport(Library, EntryPoint = "crypto_scalarmult_curve25519_base", CallingConvention = CallingConvention.Cdecl)]
    private static extern int Base(ref byte q, ref byte n);

    [DllImport(Library, EntryPoint = "crypto_scalarmult_curve25519", CallingConvention = CallingConvention.Cdecl)]
    private static extern int Mult(ref byte q, ref byte n, ref byte p);
}
