using System.Runtime.CompilerServices;

namespace ActorKeys.Protocol.Handshake;

/// <summary>
/// The server's memory of client nonces from verified Hellos, keyed by (client id, epoch, nonce) and each kept
/// until its Hello could no longer pass the freshness check. Bounded: when full of live entries it refuses new ones (the caller answers
/// <c>busy</c>) rather than forget an entry early, which would reopen a replay window.
/// </summary>
public sealed class ReplayCache(int capacity)
{
    public enum Outcome
    {
        Recorded,
        Replayed,
        Full,
    }

    private readonly Dictionary<NonceKey, ulong> _expiries = new();
    private readonly PriorityQueue<NonceKey, ulong> _byExpiry = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _expiries.Count;

    /// <summary>
    /// Bytes its two tables hold now, from their capacities: a slot of the dictionary (its entry and bucket) and one of the
    /// expiry queue per nonce they have room for. Both grow by doubling and keep their size once grown, so this follows
    /// the most nonces held at once, not the nonces held now (the server's <c>actorkeys.replay_cache.bytes</c> gauge).
    /// </summary>
    public long ApproximateBytes =>
        (long)_expiries.EnsureCapacity(0) * DictionarySlotBytes + (long)_byExpiry.EnsureCapacity(0) * QueueSlotBytes;

    /// <summary>A dictionary entry (hash code, next index, key, expiry) and its bucket index.</summary>
    private static readonly int DictionarySlotBytes = 4 + 4 + Unsafe.SizeOf<NonceKey>() + sizeof(ulong) + 4;

    /// <summary>A queue node: the key and its expiry.</summary>
    private static readonly int QueueSlotBytes = Unsafe.SizeOf<(NonceKey, ulong)>();

    /// <summary>Records (<paramref name="clientId"/>, <paramref name="epoch"/>, <paramref name="nonce"/>) until <paramref name="expiresAtMs"/>, unless it is already present.</summary>
    public Outcome TryRecord(string clientId, uint epoch, ReadOnlySpan<byte> nonce, ulong expiresAtMs, ulong nowMs)
    {
        Prune(nowMs);
        var key = NonceKey.From(clientId, epoch, nonce);
        if (_expiries.ContainsKey(key))
        {
            return Outcome.Replayed;
        }
        if (_expiries.Count >= Capacity)
        {
            return Outcome.Full;
        }
        _expiries[key] = expiresAtMs;
        _byExpiry.Enqueue(key, expiresAtMs);
        return Outcome.Recorded;
    }

    private void Prune(ulong nowMs)
    {
        while (_byExpiry.TryPeek(out var key, out var expiry) && expiry < nowMs)
        {
            _byExpiry.Dequeue();
            _expiries.Remove(key);
        }
    }

    /// <summary>The id (a string the Hello already holds), the epoch and the 32-byte nonce as a value type: no arrays kept.</summary>
    private readonly record struct NonceKey(string ClientId, uint Epoch, ulong A, ulong B, ulong C, ulong D)
    {
        public static NonceKey From(string clientId, uint epoch, ReadOnlySpan<byte> nonce)
        {
            if (nonce.Length != Ak1.NonceBytes)
            {
                throw new ArgumentException($"A nonce is {Ak1.NonceBytes} bytes.", nameof(nonce));
            }
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(nonce);
            return new NonceKey(clientId, epoch, words[0], words[1], words[2], words[3]);
        }
    }
}
