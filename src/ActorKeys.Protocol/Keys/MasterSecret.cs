using System.Security.Cryptography;
using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Keys;

/// <summary>
/// The server's master secret M. It is the only long-term server secret: every client's access key is
/// recomputed from it, so the server keeps no per-client key table. Zeroed on <see cref="Dispose"/>.
/// </summary>
public sealed class MasterSecret : IDisposable
{
    private readonly byte[] _secret;
    private bool _disposed;

    /// <summary>Takes a copy of <paramref name="secret"/>; the caller zeroes its own.</summary>
    public MasterSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != Ak1.KeyBytes)
        {
            throw new ArgumentException($"A master secret is {Ak1.KeyBytes} bytes.", nameof(secret));
        }
        _secret = secret.ToArray();
        KeyId = AccessKeys.KeyIdOf(_secret);
    }

    public static MasterSecret Generate(IRandomSource? random = null)
    {
        var bytes = (random ?? SystemRandomSource.Instance).NextBytes(Ak1.KeyBytes);
        try
        {
            return new MasterSecret(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary><c>keyId = H("AK1 keyid", M)[0..8]</c>: the server's public fingerprint.</summary>
    public byte[] KeyId { get; }

    public string KeyIdHex => Convert.ToHexStringLower(KeyId);

    /// <summary><c>A = KDF(M, "AK1 access", str(id) || u32(epoch))</c>. The caller owns and zeroes the result.</summary>
    public byte[] DeriveAccessKey(string clientId, uint epoch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return AccessKeys.Derive(_secret, clientId, epoch);
    }

    /// <summary>A copy of M for writing the master key file; the caller zeroes it.</summary>
    public byte[] ExportSecret()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _secret.ToArray();
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_secret);
            _disposed = true;
        }
    }

    public override string ToString() => $"MasterSecret(keyId={KeyIdHex})";
}
