namespace ActorKeys.Protocol.Handshake;

/// <summary>
/// The server's memory of client nonces from verified Hellos, each kept until its Hello could no longer
/// pass the freshness check. Bounded: when full of live entries it refuses new ones (the caller answers
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

    /// <summary>Records <paramref name="nonce"/> until <paramref name="expiresAtMs"/>, unless it is already present.</summary>
    public Outcome TryRecord(ReadOnlySpan<byte> nonce, ulong expiresAtMs, ulong nowMs)
    {
        Prune(nowMs);
        var key = NonceKey.From(nonce);
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

    /// <summary>A 32-byte nonce as a value type, so the cache holds no arrays.</summary>
    private readonly record struct NonceKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static NonceKey From(ReadOnlySpan<byte> nonce)
        {
            if (nonce.Length != Ak1.NonceBytes)
            {
                throw new ArgumentException($"A nonce is {Ak1.NonceBytes} bytes.", nameof(nonce));
            }
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(nonce);
            return new NonceKey(words[0], words[1], words[2], words[3]);
        }
    }
}
