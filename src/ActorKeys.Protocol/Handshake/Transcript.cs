using System.Security.Cryptography;
using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Handshake;

/// <summary>The handshake computations both sides share (PROTOCOL.md → Handshake).</summary>
public static class Transcript
{
    /// <summary><c>"AK1" || u8(2) || str(id) || u32(epoch) || keyId || str(server) || u64(t) || n_c || E_c</c>.</summary>
    public static byte[] HelloBody(byte version, string clientId, uint epoch, ReadOnlySpan<byte> keyId, string server, ulong timeMs,
        ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> clientEphemeral) =>
        // 256 holds a Hello with an id and a server address of usual length (the writer grows for longer ones).
        new ByteWriter(256)
            .Bytes(Ak1.Magic).U8(version).Str(clientId).U32(epoch).Bytes(keyId).Str(server).U64(timeMs)
            .Bytes(clientNonce).Bytes(clientEphemeral)
            .ToArray();

    public static byte[] HelloBody(Hello hello) =>
        HelloBody(hello.Version, hello.ClientId, hello.Epoch, hello.KeyId.Span, hello.Server, hello.TimeMs, hello.ClientNonce.Span,
            hello.ClientEphemeral.Span);

    /// <summary><c>proof = KDF(A, "AK1 revoked", binder)[0..16]</c>: what a <c>revoked</c> rejection carries.</summary>
    public static RevocationProof RevokedProof(ReadOnlySpan<byte> accessKey, ReadOnlySpan<byte> binder)
    {
        var full = Primitives.Kdf(accessKey, Labels.Revoked, binder);
        try
        {
            return RevocationProof.From(full.AsSpan(0, Ak1.RevocationProofBytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(full);
        }
    }

    /// <summary><c>binder = KDF(A, "AK1 hello", body)</c>.</summary>
    public static byte[] Binder(ReadOnlySpan<byte> accessKey, ReadOnlySpan<byte> helloBody) =>
        Primitives.Kdf(accessKey, Labels.Hello, helloBody);

    /// <summary><c>th = H("AK1 transcript", body || binder || sid || n_s || E_s)</c>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> helloBody, ReadOnlySpan<byte> binder, ReadOnlySpan<byte> sessionId,
        ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> serverEphemeral) =>
        Primitives.Hash(Labels.Transcript,
            new ByteWriter(320).Bytes(helloBody).Bytes(binder).Bytes(sessionId).Bytes(serverNonce).Bytes(serverEphemeral).Written);

    /// <summary>
    /// From A, the X25519 result and the transcript hash: the two record keys, the two confirmations and the chaining key
    /// <c>ck = KDF(prk, "AK1 chain", th)</c>. The intermediate <c>prk</c> is zeroed before returning.
    /// </summary>
    /// <summary>
    /// <c>prk = KDF(key, label, dh || th)</c>, the step the handshake (key A, "AK1 session") and every rekey (key ck,
    /// "AK1 rekey") share; the concatenated input is zeroed here, the result is the caller's to zero.
    /// </summary>
    internal static byte[] PseudoRandomKey(ReadOnlySpan<byte> key, string label, ReadOnlySpan<byte> dh, ReadOnlySpan<byte> transcriptHash)
    {
        if (dh.Length != Ak1.PublicKeyBytes || transcriptHash.Length != Ak1.KeyBytes)
        {
            throw new ArgumentException("The session KDF's input is a 32-byte X25519 result and a 32-byte transcript hash.");
        }
        // On the stack, not in an array, so the collector cannot move it and leave a copy of the X25519 result behind.
        Span<byte> ikm = stackalloc byte[Ak1.PublicKeyBytes + Ak1.KeyBytes];
        dh.CopyTo(ikm);
        transcriptHash.CopyTo(ikm[Ak1.PublicKeyBytes..]);
        try
        {
            return Primitives.Kdf(key, label, ikm);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
        }
    }

    public static SessionSecrets DeriveSecrets(ReadOnlySpan<byte> accessKey, ReadOnlySpan<byte> dh, ReadOnlySpan<byte> transcriptHash)
    {
        var prk = PseudoRandomKey(accessKey, Labels.Session, dh, transcriptHash);
        try
        {
            return new SessionSecrets(
                Primitives.Kdf(prk, Labels.ClientToServer, transcriptHash),
                Primitives.Kdf(prk, Labels.ServerToClient, transcriptHash),
                Primitives.Kdf(prk, Labels.ConfirmServer, transcriptHash),
                Primitives.Kdf(prk, Labels.ConfirmClient, transcriptHash),
                Primitives.Kdf(prk, Labels.Chain, transcriptHash));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }
}

/// <summary>The keys a handshake yields. The confirmations are public once sent; the record keys are not.</summary>
public sealed class SessionSecrets(byte[] clientToServer, byte[] serverToClient, byte[] confirmServer, byte[] confirmClient, byte[] chainKey)
    : IDisposable
{
    /// <summary><c>ck</c>: the secret every rekey chains from (PROTOCOL.md, version 2, item 4).</summary>
    public byte[] ChainKey { get; } = chainKey;

    public byte[] ClientToServer { get; } = clientToServer;
    public byte[] ServerToClient { get; } = serverToClient;
    public byte[] ConfirmServer { get; } = confirmServer;
    public byte[] ConfirmClient { get; } = confirmClient;

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(ClientToServer);
        CryptographicOperations.ZeroMemory(ServerToClient);
        CryptographicOperations.ZeroMemory(ConfirmServer);
        CryptographicOperations.ZeroMemory(ConfirmClient);
        CryptographicOperations.ZeroMemory(ChainKey);
    }

    public override string ToString() => "SessionSecrets(…)";
}
