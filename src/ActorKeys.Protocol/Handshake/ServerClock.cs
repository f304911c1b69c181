namespace ActorKeys.Protocol.Handshake;

/// <summary>
/// The server's notion of "now" for Hello freshness and the replay cache: the wall clock read once, at start, plus
/// the monotonic time elapsed since. A wall-clock step (NTP, an operator) cannot move it back and reopen a replay
/// window, nor forward and expire remembered nonces early; a server whose clock was wrong at start is still
/// wrong by the same amount, which the skew check then reports.
/// </summary>
public sealed class ServerClock
{
    private readonly TimeProvider _time;
    private readonly long _startWallMs;
    private readonly long _startTimestamp;

    public ServerClock(TimeProvider time)
    {
        _time = time;
        _startWallMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        _startTimestamp = time.GetTimestamp();
    }

    public long NowMs => _startWallMs + (long)_time.GetElapsedTime(_startTimestamp).TotalMilliseconds;
}
