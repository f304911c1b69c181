using System.Runtime.InteropServices;

namespace ActorKeys.Protocol.Crypto;

/// <summary>
/// BLAKE2b with a salt and personalisation over spans, calling the same native libsodium that Sodium.Core brings (and
/// initialises), as <see cref="SodiumAead"/> does for the record AEAD. Through Sodium.Core's byte[] API every KDF call
/// copied its key, its input and its label into new arrays (the secret ones zeroed again after) and Sodium.Core added
/// arrays of its own: with the other copies AK1 made, about half of what it allocated per handshake. Here nothing is
/// copied; the byte output is libsodium's, exactly as before (the AK1 vectors check it). Every length is checked here
/// before the native call.
/// </summary>
internal static class SodiumBlake2b
{
    public const int SaltBytes = 16;
    public const int PersonalBytes = 16;
    private const string Library = "libsodium";
    private const int MinOutputBytes = 16;
    private const int MaxOutputBytes = 64;
    private const int MaxKeyBytes = 64;

    // A constant in the assembly's data: nothing can write to it.
    private static ReadOnlySpan<byte> ZeroSalt => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    static SodiumBlake2b() => Sodium.SodiumCore.Init();

    /// <summary>
    /// Writes BLAKE2b of <paramref name="input"/> into <paramref name="output"/> (16 to 64 bytes), keyed with
    /// <paramref name="key"/> unless it is empty, with a zero salt and the 16-byte <paramref name="personal"/>.
    /// </summary>
    public static void Hash(Span<byte> output, ReadOnlySpan<byte> input, ReadOnlySpan<byte> key, ReadOnlySpan<byte> personal)
    {
        if (output.Length is < MinOutputBytes or > MaxOutputBytes)
        {
            throw new ArgumentException($"A BLAKE2b output is {MinOutputBytes} to {MaxOutputBytes} bytes.", nameof(output));
        }
        if (key.Length > MaxKeyBytes)
        {
            throw new ArgumentException($"A BLAKE2b key is at most {MaxKeyBytes} bytes.", nameof(key));
        }
        if (personal.Length != PersonalBytes)
        {
            throw new ArgumentException($"A BLAKE2b personalisation is {PersonalBytes} bytes.", nameof(personal));
        }
        // An empty span's reference is null, which libsodium reads as no key (with a length of 0) or no input.
        var result = Hash(ref MemoryMarshal.GetReference(output), (nuint)output.Length,
            ref MemoryMarshal.GetReference(input), (ulong)input.Length,
            ref MemoryMarshal.GetReference(key), (nuint)key.Length,
            ref MemoryMarshal.GetReference(ZeroSalt), ref MemoryMarshal.GetReference(personal));
        if (result != 0)
        {
            throw new System.Security.Cryptography.CryptographicException("BLAKE2b failed.");
        }
    }

    // `ref byte` parameters are pinned for the call by the marshaller: no unsafe code, no copies.
    [DllImport(Library, EntryPoint = "crypto_generichash_blake2b_salt_personal", CallingConvention = CallingConvention.Cdecl)]
    private static extern int Hash(ref byte output, nuint outputLength, ref byte input, ulong inputLength, ref byte key,
        nuint keyLength, ref byte salt, ref byte personal);
}
