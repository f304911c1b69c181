namespace ActorKeys.Actors.Client;

/// <summary>
/// How a <see cref="ClientSession"/> that lost an established session tries again: capped exponential backoff
/// with full jitter (so that clients cut off together do not come back together), at most
/// <see cref="MaxAttempts"/> handshakes in a row.
/// </summary>
public sealed record ReconnectPolicy(bool Enabled, TimeSpan MinBackoff, TimeSpan MaxBackoff, int MaxAttempts)
{
    public static readonly ReconnectPolicy Default = new(true, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), 10);

    public static readonly ReconnectPolicy Never = Default with { Enabled = false };

    /// <summary>The wait before attempt <paramref name="attempt"/> (1-based): uniform in [min, min(max, min·2^(attempt-1))].</summary>
    public TimeSpan Backoff(int attempt, Random random)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        var floor = MinBackoff.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(floor + random.NextDouble() * Math.Max(0, ceiling - floor));
    }
}
