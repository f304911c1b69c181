using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ActorKeys.Protocol.Values;

/// <summary>
/// The proof in a version-2 <c>revoked</c> rejection: <c>KDF(A, "AK1 revoked", binder)[0..16]</c>, all zero for every other
/// reason. Only a holder of the client's access key can make it, so no stranger can make a client give up for good.
/// </summary>
[InlineArray(Size)]
public struct RevocationProof : IEquatable<RevocationProof>
{
    public const int Size = Ak1.RevocationProofBytes;

    private byte _element;

    /// <summary>Copies <paramref name="bytes"/>, which must be exactly <see cref="Size"/> bytes.</summary>
    public static RevocationProof From(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A revocation proof is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }
        var value = default(RevocationProof);
        bytes.CopyTo(value);
        return value;
    }

    /// <summary>The proof of every reason but <c>revoked</c>: sixteen zero bytes.</summary>
    public static RevocationProof None => default;

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public readonly ReadOnlySpan<byte> Span => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in _element), Size);

    public readonly byte[] ToArray() => Span.ToArray();

    public readonly bool Equals(RevocationProof other) => Span.SequenceEqual(other.Span);

    public override readonly bool Equals(object? obj) => obj is RevocationProof other && Equals(other);

    public override readonly int GetHashCode() => BitConverter.ToInt32(Span);

    public static bool operator ==(RevocationProof left, RevocationProof right) => left.Equals(right);

    public static bool operator !=(RevocationProof left, RevocationProof right) => !left.Equals(right);

    public override readonly string ToString() => Convert.ToHexStringLower(Span);
}
