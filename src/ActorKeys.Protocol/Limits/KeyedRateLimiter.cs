namespace ActorKeys.Protocol.Limits;

/// <summary>
/// Token buckets, one per key (a client id, a remote address), charged one token per counted event (a failed
/// handshake, or a successful one) and refilled at <see cref="RatePerSecond"/> up to <see cref="Burst"/>, as
/// WireGuard limits handshake initiations. A key whose bucket is empty is limited: the server drops a failed
/// Hello unanswered (per address), or answers <c>busy</c> to a client over its own handshake rate. Memory is bounded: full buckets carry no information and are dropped when the table fills, and
/// while it holds <see cref="MaxKeys"/> keys that are all still charged, new keys count as limited.
/// Time is a parameter (milliseconds). Not thread-safe: one actor owns it.
/// </summary>
public sealed class KeyedRateLimiter
{
    /// <summary>A full table is scanned at most this often, so a flood of new keys cannot make every check O(n).</summary>
    private const long PruneIntervalMs = 100;

    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long? _lastPruneMs;

    public KeyedRateLimiter(double ratePerSecond, int burst, int maxKeys)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxKeys);
        RatePerSecond = ratePerSecond;
        Burst = burst;
        MaxKeys = maxKeys;
    }

    public double RatePerSecond { get; }
    public int Burst { get; }
    public int MaxKeys { get; }

    /// <summary>Keys currently tracked (charged buckets and full ones not yet dropped).</summary>
    public int Count => _buckets.Count;

    /// <summary>True when <paramref name="key"/> has no token left, or is new while the table is full of charged keys.</summary>
    public bool IsLimited(string key, long nowMs)
    {
        if (_buckets.TryGetValue(key, out var bucket))
        {
            return Refilled(bucket, nowMs) < 1;
        }
        return _buckets.Count >= MaxKeys && !Prune(nowMs);
    }

    /// <summary>Charges one token to <paramref name="key"/>.</summary>
    public void Charge(string key, long nowMs)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            if (_buckets.Count >= MaxKeys && !Prune(nowMs))
            {
                return; // no room; IsLimited already refuses new keys while the table is full
            }
            bucket = new Bucket { Tokens = Burst, AtMs = nowMs };
        }
        var tokens = Refilled(bucket, nowMs);
        _buckets[key] = new Bucket { Tokens = Math.Max(0, tokens - 1), AtMs = nowMs };
    }

    private double Refilled(Bucket bucket, long nowMs) => Refill.Tokens(bucket.Tokens, bucket.AtMs, nowMs, RatePerSecond, Burst);

    /// <summary>Drops every bucket that has refilled completely; true when that made room.</summary>
    private bool Prune(long nowMs)
    {
        if (_lastPruneMs is { } last && nowMs - last < PruneIntervalMs)
        {
            return _buckets.Count < MaxKeys;
        }
        _lastPruneMs = nowMs;
        foreach (var (key, bucket) in _buckets)
        {
            if (Refilled(bucket, nowMs) >= Burst)
            {
                _buckets.Remove(key);
            }
        }
        return _buckets.Count < MaxKeys;
    }

    private readonly record struct Bucket
    {
        public double Tokens { get; init; }
        public long AtMs { get; init; }
    }
}
