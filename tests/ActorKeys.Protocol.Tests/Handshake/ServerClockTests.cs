using ActorKeys.Protocol.Handshake;

namespace ActorKeys.Protocol.Tests.Handshake;

public sealed class ServerClockTests
{
    [Fact]
    public void A_wall_clock_step_does_not_move_the_server_clock()
    {
        var time = new SteppableTime(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var clock = new ServerClock(time);
        time.Elapse(TimeSpan.FromSeconds(2));
        Assert.Equal(1_002_000, clock.NowMs);

        time.StepWallClock(TimeSpan.FromHours(-1)); // NTP or an operator sets the clock back
        time.Elapse(TimeSpan.FromSeconds(1));

        Assert.Equal(1_003_000, clock.NowMs);
    }

    /// <summary>A wall clock that can be stepped independently of the monotonic timestamp.</summary>
    private sealed class SteppableTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _wall = start;
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => _wall;
        public override long GetTimestamp() => _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Elapse(TimeSpan span)
        {
            _ticks += span.Ticks;
            _wall += span;
        }

        public void StepWallClock(TimeSpan step) => _wall += step;
    }
}
