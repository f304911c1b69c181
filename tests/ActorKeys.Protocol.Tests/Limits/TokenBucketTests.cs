using ActorKeys.Protocol.Limits;

namespace ActorKeys.Protocol.Tests.Limits;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_burst_then_the_rate_and_the_refusals_in_between_are_counted()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(bucket.TryTake(0, out var before));
            Assert.Equal(0, before);
        }
        Assert.False(bucket.TryTake(0, out _));
        Assert.False(bucket.TryTake(50, out _));
        Assert.Equal(2, bucket.Refused);

        Assert.True(bucket.TryTake(100, out var suppressed));

        Assert.Equal(2, suppressed);
        Assert.Equal(0, bucket.Refused);
        Assert.False(bucket.TryTake(100, out _));
    }

    [Fact]
    public void Refill_never_goes_above_the_burst()
    {
        var bucket = new TokenBucket(ratePerSecond: 1000, burst: 2);
        Assert.True(bucket.TryTake(0, out _));
        Assert.True(bucket.TryTake(1_000_000, out _));
        Assert.True(bucket.TryTake(1_000_000, out _));
        Assert.False(bucket.TryTake(1_000_000, out _));
    }
}
