using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Tests;

public sealed class OrdinalTests
{
    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(23, "23rd")]
    [InlineData(101, "101st")]
    [InlineData(111, "111th")]
    [InlineData(112, "112th")]
    public void Ordinals_follow_english_rules(int n, string expected) => Assert.Equal(expected, Ordinal.Of(n));

    [Theory]
    [InlineData(1, "1ª")]
    [InlineData(2, "2ª")]
    [InlineData(11, "11ª")]
    [InlineData(21, "21ª")]
    public void Portuguese_ordinals_take_the_feminine_indicator(int n, string expected) =>
        Assert.Equal(expected, Ordinal.Of(n, Language.Portuguese));
}
