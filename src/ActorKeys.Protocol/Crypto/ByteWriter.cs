using System.Buffers.Binary;
using System.Text;

namespace ActorKeys.Protocol.Crypto;

/// <summary>
/// Builds the byte strings of PROTOCOL.md → Encodings: little-endian integers, <c>str(s)</c> = u16 length
/// and UTF-8, and plain concatenation. The writer grows as needed; <see cref="ToArray"/> copies out, and
/// <see cref="Written"/> lends the bytes without a copy.
/// </summary>
public sealed class ByteWriter
{
    private byte[] _buffer;
    private int _length;

    public ByteWriter(int capacity = 128) => _buffer = new byte[capacity];

    public int Length => _length;

    public ByteWriter U8(byte value)
    {
        Reserve(1)[0] = value;
        return this;
    }

    public ByteWriter U16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);
        return this;
    }

    public ByteWriter U32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        return this;
    }

    public ByteWriter U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        return this;
    }

    public ByteWriter Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
        return this;
    }

    /// <summary><c>str(s)</c>: u16 byte length, then the UTF-8 bytes.</summary>
    public ByteWriter Str(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new ArgumentException("A string is at most 65535 UTF-8 bytes.", nameof(value));
        }
        U16((ushort)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        return this;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>
    /// The bytes written so far, in the writer's own buffer: for input that is hashed at once, with no copy. Valid only
    /// until the next write (growing moves the buffer) or <see cref="Clear"/>.
    /// </summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Zeroes the buffer, for writers that held secret material.</summary>
    public void Clear()
    {
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(_buffer);
        _length = 0;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var grown = new byte[Math.Max(_buffer.Length * 2, _length + count)];
            _buffer.AsSpan(0, _length).CopyTo(grown);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(_buffer);
            _buffer = grown;
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
