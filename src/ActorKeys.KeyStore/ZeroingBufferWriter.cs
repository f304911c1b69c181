using System.Buffers;
using System.Security.Cryptography;

namespace ActorKeys.KeyStore;

/// <summary>
/// A fixed-size <see cref="IBufferWriter{T}"/> for JSON that contains a key: unlike a growing buffer it never
/// leaves an abandoned copy behind, and <see cref="Dispose"/> zeroes what was written.
/// </summary>
internal sealed class ZeroingBufferWriter(int capacity) : IBufferWriter<byte>, IDisposable
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(_written, Reserve(sizeHint));

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(_written, Reserve(sizeHint));

    public void Dispose() => CryptographicOperations.ZeroMemory(_buffer);

    private int Reserve(int sizeHint)
    {
        var free = _buffer.Length - _written;
        if (free < Math.Max(sizeHint, 1))
        {
            throw new InvalidOperationException("A key file does not fit in its fixed buffer.");
        }
        return free;
    }
}
