using ActorKeys.Protocol.Limits;

namespace ActorKeys.Protocol.Tests.Limits;

public sealed class KeyedRateLimiterTests
{
    [Fact]
    public void A_key_is_limited_after_burst_failures_and_recovers_at_the_rate()
    {
        var limiter = new KeyedRateLimiter(ratePerSecond: 20, burst: 5, maxKeys: 100);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(limiter.IsLimited("1", 0));
            limiter.Charge("1", 0);
        }

        Assert.True(limiter.IsLimited("1", 0));
        Assert.True(limiter.IsLimited("1", 49)); // 20/s: one token takes 50 ms
        Assert.False(limiter.IsLimited("1", 50));
        Assert.False(limiter.IsLimited("2", 0)); // other keys are not affected
    }

    [Fact]
    public void Failures_within_the_rate_never_limit()
    {
        var limiter = new KeyedRateLimiter(20, 5, 100);
        for (var t = 0L; t < 10_000; t += 50)
        {
            Assert.False(limiter.IsLimited("steady", t));
            limiter.Charge("steady", t);
        }
    }

    [Fact]
    public void The_table_stays_bounded_and_new_keys_are_limited_while_it_is_full_of_charged_keys()
    {
        var limiter = new KeyedRateLimiter(20, 5, maxKeys: 10);
        for (var i = 0; i < 10_000; i++)
        {
            limiter.Charge($"junk-{i}", 0);
        }

        Assert.Equal(10, limiter.Count);
        Assert.True(limiter.IsLimited("newcomer", 0));
        // Once the charged buckets have refilled (5 tokens at 20/s: 250 ms) they are dropped and room returns.
        Assert.False(limiter.IsLimited("newcomer", 1_000));
        limiter.Charge("newcomer", 1_000);
        Assert.Equal(1, limiter.Count);
    }
}
