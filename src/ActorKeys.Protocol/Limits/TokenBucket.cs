namespace ActorKeys.Protocol.Limits;

/// <summary>
/// One token bucket: <see cref="TryTake"/> succeeds while tokens remain, and tokens refill at
/// <see cref="RatePerSecond"/> up to <see cref="Burst"/>. Counts what it refused since the last success, so a caller
/// that logs under this budget can say "suppressed K". Time is a parameter (milliseconds). Not thread-safe.
/// </summary>
public sealed class TokenBucket
{
    private double _tokens;
    private long? _atMs;

    public TokenBucket(double ratePerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        RatePerSecond = ratePerSecond;
        Burst = burst;
        _tokens = burst;
    }

    public double RatePerSecond { get; }
    public int Burst { get; }

    /// <summary>Refusals since the last token taken.</summary>
    public long Refused { get; private set; }

    /// <summary>
    /// Takes a token if one is left. On success, <paramref name="refusedBefore"/> is how many were refused since the
    /// previous success (and the count starts again).
    /// </summary>
    public bool TryTake(long nowMs, out long refusedBefore)
    {
        if (_atMs is { } at)
        {
            _tokens = Refill.Tokens(_tokens, at, nowMs, RatePerSecond, Burst);
        }
        _atMs = nowMs;
        if (_tokens < 1)
        {
            Refused++;
            refusedBefore = 0;
            return false;
        }
        _tokens -= 1;
        refusedBefore = Refused;
        Refused = 0;
        return true;
    }

    /// <summary>Returns the refusals counted since the last token taken, and starts the count again.</summary>
    public long TakeRefused()
    {
        var refused = Refused;
        Refused = 0;
        return refused;
    }
}
