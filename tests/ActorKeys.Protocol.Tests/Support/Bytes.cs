using System.Buffers.Binary;

namespace ActorKeys.Protocol.Tests.Support;

/// <summary>Small byte-string helpers, so tests read as the spec does.</summary>
public static class Bytes
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static string ToHex(ReadOnlySpan<byte> value) => Convert.ToHexStringLower(value);

    /// <summary><c>start, start+1, …</c> for <paramref name="count"/> bytes: the vectors' simple patterns.</summary>
    public static byte[] Sequence(byte start, int count) => Enumerable.Range(0, count).Select(i => (byte)(start + i)).ToArray();

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>A copy of <paramref name="value"/> with one bit flipped.</summary>
    public static byte[] FlipBit(byte[] value, int index, int bit)
    {
        var copy = value.ToArray();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }

    /// <summary>Every single-bit change of <paramref name="field"/>, with a label naming the byte and bit.</summary>
    public static IEnumerable<(byte[] Flipped, string What)> EveryBitFlip(byte[] field)
    {
        for (var i = 0; i < field.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                yield return (FlipBit(field, i, bit), $"byte {i} bit {bit}");
            }
        }
    }

    public static byte[] Le16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] Le32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] Le64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }
}
