using System.Buffers.Binary;

namespace ActorKeys.Protocol.Wire;

/// <summary>
/// Reads fields off the front of an untrusted span. The first failure sticks: later reads return zero or an
/// empty span without touching the input, so a decoder reads its fields in a straight line and checks
/// <see cref="Ok"/> once, and nothing is allocated for a message that turns out bad.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> input, string messageType)
{
    private ReadOnlySpan<byte> _rest = input;

    public WireFailure Failure { get; private set; }

    public readonly bool Ok => Failure.Error is null;

    public byte U8(string field) => Take(sizeof(byte), field) is { IsEmpty: false } s ? s[0] : default;

    public ushort U16(string field) => Take(WireLayout.U16Bytes, field) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt16LittleEndian(s) : default;

    public uint U32(string field) => Take(WireLayout.U32Bytes, field) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt32LittleEndian(s) : default;

    public ulong U64(string field) => Take(WireLayout.U64Bytes, field) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt64LittleEndian(s) : default;

    /// <summary>A fixed-size or length-checked field; a view into the input, copied only once the whole message is good.</summary>
    public ReadOnlySpan<byte> Bytes(int count, string field) => Take(count, field);

    /// <summary>Records a failure unless an earlier one is already recorded.</summary>
    public void Fail(WireDecodeError error, string field)
    {
        if (Ok)
        {
            Failure = new WireFailure(error, messageType, field);
        }
    }

    /// <summary>The message is complete: anything left over is an error, so every message has one encoding.</summary>
    public void ExpectEnd()
    {
        if (Ok && !_rest.IsEmpty)
        {
            Fail(WireDecodeError.TrailingBytes, field: "");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (!Ok)
        {
            return default;
        }
        if ((uint)count > (uint)_rest.Length)
        {
            Fail(WireDecodeError.Truncated, field);
            return default;
        }
        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
