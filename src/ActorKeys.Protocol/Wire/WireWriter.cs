using System.Buffers.Binary;

namespace ActorKeys.Protocol.Wire;

/// <summary>Writes fields into a buffer sized beforehand by <see cref="WireEncoder.Length"/>; running past it is a bug, and the span indexer says so.</summary>
internal ref struct WireWriter(Span<byte> buffer)
{
    private Span<byte> _rest = buffer;

    public readonly int Remaining => _rest.Length;

    public void U8(byte value) => Take(sizeof(byte))[0] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(WireLayout.U16Bytes), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(WireLayout.U32Bytes), value);

    public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(WireLayout.U64Bytes), value);

    public void Bytes(scoped ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    /// <summary>The UTF-8 of <paramref name="value"/>, whose byte count the caller has already written.</summary>
    public void Utf8(string value, int byteCount) => WireLayout.StrictUtf8.GetBytes(value, Take(byteCount));

    private Span<byte> Take(int count)
    {
        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
