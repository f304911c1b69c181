using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ActorKeys.Protocol.Values;

/// <summary>
/// A 32-byte KDF output sent in the clear: the Hello's binder or a key confirmation. Compared in constant time. A fixed-size value, as wireguard-go's <c>noise-types.go</c> has them: its size is checked once, where it
/// is made (<see cref="From"/>), so no code that holds one checks a length again, and it cannot be missing.
/// </summary>
[InlineArray(Size)]
public struct Mac : IEquatable<Mac>
{
    public const int Size = Ak1.BinderBytes;

    private byte _element;

    /// <summary>Copies <paramref name="bytes"/>, which must be exactly <see cref="Size"/> bytes.</summary>
    public static Mac From(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A MAC is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }
        var value = default(Mac);
        bytes.CopyTo(value);
        return value;
    }

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ReadOnlySpan<byte> Span => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in _element), Size);

    public readonly byte[] ToArray() => Span.ToArray();

    public readonly bool Equals(Mac other) => CryptographicOperations.FixedTimeEquals(Span, other.Span);

    public override readonly bool Equals(object? obj) => obj is Mac other && Equals(other);

    public override readonly int GetHashCode() => BitConverter.ToInt32(Span);

    public static bool operator ==(Mac left, Mac right) => left.Equals(right);

    public static bool operator !=(Mac left, Mac right) => !left.Equals(right);

    public override readonly string ToString() => Convert.ToHexStringLower(Span);
}
