using Akka.Actor;

namespace ActorKeys.Bench.Plain;

/// <summary>
/// The plaintext baseline's messages: bound to <see cref="PlainSerializer"/>, which frames them with the AK1 wire
/// codec exactly as their sealed counterparts, so the baseline differs from AK1 only by the missing AEAD.
/// Bench-only: no ActorKeys server outside <c>actorkeys-bench</c> binds or accepts them.
/// </summary>
public interface IPlainMessage;

/// <summary>Client → <c>/user/bench-plain</c>: open a plaintext session (the stand-in for the handshake, not measured).</summary>
public sealed record PlainOpen(string ClientId) : IPlainMessage;

/// <summary>Plain session → client: the session is open; records go to the sender of this message.</summary>
public sealed record PlainOpened(byte[] SessionId) : IPlainMessage;

/// <summary>
/// Either direction: one record, shaped as <c>Sealed</c> with <c>Data = kind || body || 16 zero bytes</c> in place
/// of the ciphertext, so the frame has the size of the sealed one.
/// </summary>
public sealed record PlainRecord(byte[] SessionId, ulong Seq, byte[] Data) : IPlainMessage
{
    /// <summary>The stand-in for the AEAD tag: the frame is exactly as long as the sealed record's.</summary>
    public const int TagStandInBytes = 16;

    public static PlainRecord Create(byte[] sessionId, ulong seq, byte kind, ReadOnlySpan<byte> body)
    {
        var data = new byte[1 + body.Length + TagStandInBytes];
        data[0] = kind;
        body.CopyTo(data.AsSpan(1));
        return new PlainRecord(sessionId, seq, data);
    }

    public ReadOnlySpan<byte> Body => Data.AsSpan(1, Data.Length - 1 - TagStandInBytes);
}

/// <summary>Where a plain session's peer is: local, never serialized.</summary>
internal sealed record PlainPeer(IActorRef Session, byte[] SessionId);
