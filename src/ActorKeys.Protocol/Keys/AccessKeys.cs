using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Keys;

/// <summary>The key derivations of PROTOCOL.md → Keys, as pure functions.</summary>
public static class AccessKeys
{
    /// <summary><c>keyId = H("AK1 keyid", M)[0..8]</c>.</summary>
    public static byte[] KeyIdOf(ReadOnlySpan<byte> masterSecret) =>
        Primitives.Hash(Labels.KeyId, masterSecret)[..Ak1.KeyIdBytes];

    /// <summary><c>A = KDF(M, "AK1 access", str(id) || u32(epoch))</c>.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> masterSecret, string clientId, uint epoch)
    {
        ClientId.Validate(clientId, nameof(clientId));
        return Primitives.Kdf(masterSecret, Labels.Access, IdAndEpoch(clientId, epoch));
    }

    /// <summary><c>check = KDF(A, "AK1 keycheck", str(id) || u32(epoch))[0..8]</c>.</summary>
    public static byte[] Check(ReadOnlySpan<byte> accessKey, string clientId, uint epoch) =>
        Primitives.Kdf(accessKey, Labels.KeyCheck, IdAndEpoch(clientId, epoch))[..Ak1.CheckBytes];

    private static byte[] IdAndEpoch(string clientId, uint epoch) =>
        new ByteWriter(72).Str(clientId).U32(epoch).ToArray();
}
