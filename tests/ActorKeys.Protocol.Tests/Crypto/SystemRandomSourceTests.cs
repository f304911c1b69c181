using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Tests.Crypto;

/// <summary>
/// The system random source hands out a block of the operating system's CSPRNG in parts: never the same bytes twice,
/// across block boundaries too, and nothing of a part left in the block once handed out.
/// </summary>
public sealed class SystemRandomSourceTests
{
    [Theory]
    [InlineData(16)] // a session name or id
    [InlineData(32)] // a nonce or an ephemeral key
    [InlineData(33)] // not a divisor of the block: parts end short of a block's end
    [InlineData(128)] // the largest request served from the block
    public void Draws_of_one_size_never_repeat_across_many_blocks(int size)
    {
        var seen = new HashSet<string>();

        for (var i = 0; i < 5_000; i++)
        {
            var bytes = SystemRandomSource.Instance.NextBytes(size);
            Assert.True(seen.Add(Convert.ToHexString(bytes)), $"draw {i} of {size} bytes repeated an earlier one");
        }
    }

    [Fact]
    public void Draws_of_mixed_sizes_share_blocks_without_overlapping()
    {
        // What a server's handshake draws, in order, again and again.
        var sizes = new[] { 16, 16, 32, 32 };
        var seen = new HashSet<string>();

        for (var i = 0; i < 2_000; i++)
        {
            foreach (var size in sizes)
            {
                var bytes = SystemRandomSource.Instance.NextBytes(size);
                Assert.True(seen.Add(Convert.ToHexString(bytes)), $"a {size}-byte draw repeated an earlier one");
                Assert.Contains(bytes, b => b != 0);
            }
        }
    }

    [Fact]
    public void A_part_handed_out_is_zeroed_in_the_block_and_the_rest_of_the_block_is_untouched()
    {
        var block = StartAFreshBlock();

        var first = SystemRandomSource.Instance.NextBytes(32);
        var second = SystemRandomSource.Instance.NextBytes(32);

        var (sameBlock, next) = SystemRandomSource.ThisThreadsBlock;
        Assert.Same(block, sameBlock);
        Assert.Equal(FreshStart + 64, next);
        Assert.NotEqual(first, second);
        // Everything handed out, from this block's first use on, is zero there now; what is not yet used is random.
        Assert.All(block[..next], b => Assert.Equal(0, b));
        Assert.Contains(block[next..], b => b != 0);
    }

    [Fact]
    public void A_request_larger_than_a_quarter_block_comes_straight_from_the_generator_and_leaves_the_block_alone()
    {
        var block = StartAFreshBlock();
        var unused = block[FreshStart..];

        var large = SystemRandomSource.Instance.NextBytes(SystemRandomSource.BlockBytes / 4 + 1);

        Assert.Equal(FreshStart, SystemRandomSource.ThisThreadsBlock.Next);
        Assert.Equal(unused, block[FreshStart..]);
        Assert.Contains(large, b => b != 0);
        Assert.NotEqual(unused[..large.Length], large);
    }

    private const int FreshStart = SystemRandomSource.BlockBytes / 4;

    /// <summary>
    /// Draws a quarter block at a time until this thread's block was just drawn again and a quarter of it handed out
    /// (at most five draws), so that a test knows where the unused part begins.
    /// </summary>
    private static byte[] StartAFreshBlock()
    {
        for (var draws = 0; draws <= SystemRandomSource.BlockBytes / FreshStart; draws++)
        {
            SystemRandomSource.Instance.NextBytes(FreshStart);
            if (SystemRandomSource.ThisThreadsBlock.Next == FreshStart)
            {
                return SystemRandomSource.ThisThreadsBlock.Block!;
            }
        }
        Assert.Fail("The block was not drawn again after a block's worth of draws.");
        return [];
    }
}
