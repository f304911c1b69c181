using ActorKeys.Protocol.Handshake;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>The replay cache's memory as the server's <c>actorkeys.replay_cache.bytes</c> gauge reports it.</summary>
public sealed class ReplayCacheTests
{
    private static byte[] Nonce(int i)
    {
        var nonce = new byte[Ak1.NonceBytes];
        BitConverter.TryWriteBytes(nonce, i);
        return nonce;
    }

    [Fact]
    public void Its_bytes_follow_the_most_nonces_held_at_once_and_stay_when_they_expire()
    {
        var cache = new ReplayCache(100_000);
        Assert.Equal(0, cache.ApproximateBytes);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(ReplayCache.Outcome.Recorded, cache.TryRecord("1", 0, Nonce(i), expiresAtMs: 100, nowMs: 0));
        }
        var full = cache.ApproximateBytes;
        // A key (id, epoch, nonce) and its expiry, in the dictionary and in the expiry queue: well over 100 B a nonce.
        Assert.InRange(full, 1000 * 100, 1000 * 400);

        // All of them expire; the next Hello prunes them. The count drops, the tables keep their size.
        Assert.Equal(ReplayCache.Outcome.Recorded, cache.TryRecord("1", 0, Nonce(5000), expiresAtMs: 300, nowMs: 200));
        Assert.Equal(1, cache.Count);
        Assert.Equal(full, cache.ApproximateBytes);
    }
}
