using System.Security.Cryptography;
using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Handshake;

/// <summary>The handshake computations both sides share (PROTOCOL.md → Handshake).</summary>
public static class Transcript
{
    /// <summary><c>"AK1" || u8(1) || str(id) || u32(epoch) || keyId || u64(t) || n_c || E_c</c>.</summary>
    public static byte[] HelloBody(byte version, string clientId, uint epoch, ReadOnlySpan<byte> keyId, ulong timeMs,
        ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> clientEphemeral) =>
        new ByteWriter(200)
            .Bytes(Ak1.Magic).U8(version).Str(clientId).U32(epoch).Bytes(keyId).U64(timeMs)
            .Bytes(clientNonce).Bytes(clientEphemeral)
            .ToArray();

    public static byte[] HelloBody(Hello hello) =>
        HelloBody(hello.Version, hello.ClientId, hello.Epoch, hello.KeyId.Span, hello.TimeMs, hello.ClientNonce.Span, hello.ClientEphemeral.Span);

    /// <summary><c>binder = KDF(A, "AK1 hello", body)</c>.</summary>
    public static byte[] Binder(ReadOnlySpan<byte> accessKey, ReadOnlySpan<byte> helloBody) =>
        Primitives.Kdf(accessKey, Labels.Hello, helloBody);

    /// <summary><c>th = H("AK1 transcript", body || binder || sid || n_s || E_s)</c>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> helloBody, ReadOnlySpan<byte> binder, ReadOnlySpan<byte> sessionId,
        ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> serverEphemeral) =>
        Primitives.Hash(Labels.Transcript,
            new ByteWriter(320).Bytes(helloBody).Bytes(binder).Bytes(sessionId).Bytes(serverNonce).Bytes(serverEphemeral).ToArray());

    /// <summary>
    /// From A, the X25519 result and the transcript hash: the two record keys and the two confirmations.
    /// The intermediate <c>prk</c> is zeroed before returning.
    /// </summary>
    public static SessionSecrets DeriveSecrets(ReadOnlySpan<byte> accessKey, ReadOnlySpan<byte> dh, ReadOnlySpan<byte> transcriptHash)
    {
        var ikm = new ByteWriter(64).Bytes(dh).Bytes(transcriptHash);
        var ikmBytes = ikm.ToArray();
        ikm.Clear();
        var prk = Primitives.Kdf(accessKey, Labels.Session, ikmBytes);
        CryptographicOperations.ZeroMemory(ikmBytes);
        try
        {
            return new SessionSecrets(
                Primitives.Kdf(prk, Labels.ClientToServer, transcriptHash),
                Primitives.Kdf(prk, Labels.ServerToClient, transcriptHash),
                Primitives.Kdf(prk, Labels.ConfirmServer, transcriptHash),
                Primitives.Kdf(prk, Labels.ConfirmClient, transcriptHash));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }
}

/// <summary>The keys a handshake yields. The confirmations are public once sent; the record keys are not.</summary>
public sealed class SessionSecrets(byte[] clientToServer, byte[] serverToClient, byte[] confirmServer, byte[] confirmClient) : IDisposable
{
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
    }

    public override string ToString() => "SessionSecrets(…)";
}
