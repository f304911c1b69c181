using ActorKeys.Actors.Hosting;
using DotNetty.Common;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// ActorKeys' programs run without DotNetty's buffer leak detector (it captured a stack trace for one buffer in 128 and
/// reported to a logger nobody reads), unless the environment asks for a level.
/// </summary>
public sealed class TransportLeakDetectionTests : IDisposable
{
    private readonly ResourceLeakDetector.DetectionLevel _before = ResourceLeakDetector.Level;

    public void Dispose() => ResourceLeakDetector.Level = _before;

    [Fact]
    public void With_no_level_in_the_environment_the_detector_is_turned_off()
    {
        ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Simple;

        var level = TransportLeakDetection.TurnOffUnlessAsked(_ => null);

        Assert.Equal(ResourceLeakDetector.DetectionLevel.Disabled, level);
        Assert.Equal(ResourceLeakDetector.DetectionLevel.Disabled, ResourceLeakDetector.Level);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("none")]
    [InlineData("")]
    public void A_value_that_names_no_level_turns_the_detector_off_where_DotNetty_would_have_left_it_on(string value)
    {
        ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Simple;

        var level = TransportLeakDetection.TurnOffUnlessAsked(name => name == TransportLeakDetection.LevelVariable ? value : null);

        Assert.Equal(ResourceLeakDetector.DetectionLevel.Disabled, level);
    }

    [Fact]
    public void A_level_asked_for_in_the_environment_stands()
    {
        // DotNetty read the variable when it started; whatever it made of it is left alone.
        ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Advanced;

        var level = TransportLeakDetection.TurnOffUnlessAsked(name => name == TransportLeakDetection.LevelVariable ? "advanced" : null);

        Assert.Equal(ResourceLeakDetector.DetectionLevel.Advanced, level);
        Assert.Equal(ResourceLeakDetector.DetectionLevel.Advanced, ResourceLeakDetector.Level);
    }
}
