using Sodium;

namespace ActorKeys.KeyStore.Tests;

/// <summary>
/// Opens a sealed key file as PROTOCOL.md → Keystore file writes it, straight through libsodium rather than through the
/// product's own wrappers, so the tests check the file format and not the code against itself.
/// </summary>
internal static class SpecSeal
{
    /// <summary><c>OPEN(PWHASH(password, salt, ops, mem), nonce, ad, sealedKey)</c>; throws when it does not open.</summary>
    public static byte[] Open(byte[] password, byte[] salt, long opsLimit, int memLimitBytes, byte[] nonce, byte[] associatedData,
        byte[] sealedKey)
    {
        var wrappingKey = PasswordHash.ArgonHashBinary(password, salt, opsLimit, memLimitBytes, 32,
            PasswordHash.ArgonAlgorithm.Argon_2ID13);
        return SecretAeadXChaCha20Poly1305.Decrypt(sealedKey, nonce, wrappingKey, associatedData);
    }
}
