using System.Diagnostics;

namespace ActorKeys.Bench;

/// <summary>Times a short loop alone on one core: the fastest of five rounds, the one the neighbours disturbed least.</summary>
public static class FastestRound
{
    private const int Rounds = 5;

    /// <summary>Microseconds per call of <paramref name="once"/>, from the fastest of five rounds of <paramref name="iterations"/> calls.</summary>
    public static double MicrosecondsPerCall(int iterations, Action once)
    {
        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < iterations; i++)
            {
                once();
            }
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / iterations);
        }
        return best;
    }
}
