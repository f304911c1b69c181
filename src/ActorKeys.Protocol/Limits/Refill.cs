namespace ActorKeys.Protocol.Limits;

/// <summary>The one refill rule of every token bucket here: <c>rate</c> tokens a second since the last update, up to <c>burst</c>.</summary>
internal static class Refill
{
    public static double Tokens(double tokens, long atMs, long nowMs, double ratePerSecond, int burst) =>
        Math.Min(burst, tokens + Math.Max(0, nowMs - atMs) * ratePerSecond / 1000.0);
}
