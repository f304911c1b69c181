using System.Security.Cryptography;

namespace ActorKeys.Protocol.Keys;

/// <summary>
/// What a client holds after loading its keystore: its id, epoch, the issuing server's keyId, and the
/// access key A. Zeroes A on <see cref="Dispose"/>; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class ClientCredentials : IDisposable
{
    private readonly byte[] _accessKey;
    private bool _disposed;

    /// <summary>Takes a copy of <paramref name="accessKey"/>; the caller zeroes its own.</summary>
    public ClientCredentials(string clientId, uint epoch, ReadOnlySpan<byte> issuerKeyId, ReadOnlySpan<byte> accessKey)
    {
        ClientId = Protocol.ClientId.Validate(clientId, nameof(clientId));
        if (issuerKeyId.Length != Ak1.KeyIdBytes)
        {
            throw new ArgumentException($"A keyId is {Ak1.KeyIdBytes} bytes.", nameof(issuerKeyId));
        }
        if (accessKey.Length != Ak1.KeyBytes)
        {
            throw new ArgumentException($"An access key is {Ak1.KeyBytes} bytes.", nameof(accessKey));
        }
        Epoch = epoch;
        IssuerKeyId = issuerKeyId.ToArray();
        _accessKey = accessKey.ToArray();
    }

    public string ClientId { get; }
    public uint Epoch { get; }
    public byte[] IssuerKeyId { get; }

    /// <summary>A copy of A; the caller zeroes it.</summary>
    public byte[] CopyAccessKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _accessKey.ToArray();
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_accessKey);
            _disposed = true;
        }
    }

    public override string ToString() => $"ClientCredentials(id={ClientId}, epoch={Epoch})";
}
