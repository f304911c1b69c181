using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ActorKeys.Protocol.Values;

/// <summary>
/// A session id, chosen at random by the server. A fixed-size value, as wireguard-go's <c>noise-types.go</c> has them: its size is checked once, where it
/// is made (<see cref="From"/>), so no code that holds one checks a length again, and it cannot be missing.
/// </summary>
[InlineArray(Size)]
public struct SessionId : IEquatable<SessionId>
{
    public const int Size = Ak1.SessionIdBytes;

    private byte _element;

    /// <summary>Copies <paramref name="bytes"/>, which must be exactly <see cref="Size"/> bytes.</summary>
    public static SessionId From(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A session id is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }
        var value = default(SessionId);
        bytes.CopyTo(value);
        return value;
    }

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ReadOnlySpan<byte> Span => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in _element), Size);

    public readonly byte[] ToArray() => Span.ToArray();

    public readonly bool Equals(SessionId other) => Span.SequenceEqual(other.Span);

    public override readonly bool Equals(object? obj) => obj is SessionId other && Equals(other);

    public override readonly int GetHashCode() => BitConverter.ToInt32(Span);

    public static bool operator ==(SessionId left, SessionId right) => left.Equals(right);

    public static bool operator !=(SessionId left, SessionId right) => !left.Equals(right);

    public override readonly string ToString() => Convert.ToHexStringLower(Span);
}
