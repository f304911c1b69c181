using System.Security.Cryptography;

namespace ActorKeys.Protocol.Keys;

/// <summary>
/// The one owner of a secret byte string (an access key in flight between actors, for example): zeroed on
/// <see cref="Dispose"/> (which may be called by every holder, any number of times), never shown by
/// <see cref="ToString"/>, and equal only to itself (no comparison by value, which would not be constant-time).
/// </summary>
public sealed class SecretBytes : IDisposable
{
    private byte[]? _bytes;

    private SecretBytes(byte[] bytes)
    {
        _bytes = bytes;
        Length = bytes.Length;
    }

    public int Length { get; }

    public bool IsDisposed => _bytes is null;

    /// <summary>The secret; throws once it was zeroed.</summary>
    public ReadOnlySpan<byte> Span => _bytes ?? throw new ObjectDisposedException(nameof(SecretBytes));

    /// <summary>Takes ownership of <paramref name="bytes"/> (no copy): the caller must not keep using the array.</summary>
    public static SecretBytes Adopt(byte[] bytes) => new(bytes ?? throw new ArgumentNullException(nameof(bytes)));

    public void Dispose()
    {
        var bytes = Interlocked.Exchange(ref _bytes, null);
        if (bytes is not null)
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public override string ToString() => $"SecretBytes({Length} bytes{(IsDisposed ? ", zeroed" : "")})";
}
