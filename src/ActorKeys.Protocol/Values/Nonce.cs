using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ActorKeys.Protocol.Values;

/// <summary>
/// A handshake nonce (<c>n_c</c> or <c>n_s</c>): 32 random bytes. A fixed-size value, as wireguard-go's <c>noise-types.go</c> has them: its size is checked once, where it
/// is made (<see cref="From"/>), so no code that holds one checks a length again, and it cannot be missing.
/// </summary>
[InlineArray(Size)]
public struct Nonce : IEquatable<Nonce>
{
    public const int Size = Ak1.NonceBytes;

    private byte _element;

    /// <summary>Copies <paramref name="bytes"/>, which must be exactly <see cref="Size"/> bytes.</summary>
    public static Nonce From(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A nonce is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }
        var value = default(Nonce);
        bytes.CopyTo(value);
        return value;
    }

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ReadOnlySpan<byte> Span => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in _element), Size);

    public readonly byte[] ToArray() => Span.ToArray();

    public readonly bool Equals(Nonce other) => Span.SequenceEqual(other.Span);

    public override readonly bool Equals(object? obj) => obj is Nonce other && Equals(other);

    public override readonly int GetHashCode() => BitConverter.ToInt32(Span);

    public static bool operator ==(Nonce left, Nonce right) => left.Equals(right);

    public static bool operator !=(Nonce left, Nonce right) => !left.Equals(right);

    public override readonly string ToString() => Convert.ToHexStringLower(Span);
}
