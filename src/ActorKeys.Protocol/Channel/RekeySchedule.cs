using System.Security.Cryptography;
using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Channel;

/// <summary>The keys of one new generation, derived by both sides of a rekey; the owner zeroes them.</summary>
internal sealed class GenerationKeys(byte[] clientToServer, byte[] serverToClient, byte[] chainKey, byte[] transcriptHash) : IDisposable
{
    public byte[] ClientToServer { get; } = clientToServer;
    public byte[] ServerToClient { get; } = serverToClient;
    public byte[] ChainKey { get; } = chainKey;

    /// <summary><c>th'</c>: public, but part of every later derivation.</summary>
    public byte[] TranscriptHash { get; } = transcriptHash;

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(ClientToServer);
        CryptographicOperations.ZeroMemory(ServerToClient);
        CryptographicOperations.ZeroMemory(ChainKey);
    }

    public override string ToString() => "GenerationKeys(…)";
}

/// <summary>The rekey derivation of PROTOCOL.md, version 2, item 6, shared by both sides.</summary>
public static class RekeySchedule
{
    /// <summary><c>th' = H("AK1 rekey", th || u32(g+1) || E' || n' || E_s')</c>.</summary>
    public static byte[] TranscriptHash(ReadOnlySpan<byte> transcriptHash, uint nextGeneration, ReadOnlySpan<byte> clientEphemeral,
        ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverEphemeral) =>
        Primitives.Hash(Labels.Rekey, new ByteWriter(160)
            .Bytes(transcriptHash).U32(nextGeneration).Bytes(clientEphemeral).Bytes(clientNonce).Bytes(serverEphemeral).Written);

    /// <summary>
    /// <c>prk' = KDF(ck, "AK1 rekey", dh' || th')</c>, then the two record keys and <c>ck'</c> under <c>th'</c>. The
    /// intermediate <c>prk'</c> and the input bytes are zeroed before returning; <paramref name="dh"/> is the caller's to zero.
    /// </summary>
    internal static GenerationKeys Derive(ReadOnlySpan<byte> chainKey, ReadOnlySpan<byte> dh, byte[] nextTranscriptHash)
    {
        var prk = Handshake.Transcript.PseudoRandomKey(chainKey, Labels.Rekey, dh, nextTranscriptHash);
        try
        {
            return new GenerationKeys(
                Primitives.Kdf(prk, Labels.ClientToServer, nextTranscriptHash),
                Primitives.Kdf(prk, Labels.ServerToClient, nextTranscriptHash),
                Primitives.Kdf(prk, Labels.Chain, nextTranscriptHash),
                nextTranscriptHash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }
}
