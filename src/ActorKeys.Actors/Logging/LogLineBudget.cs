using Akka.Event;
using ActorKeys.Protocol.Limits;

namespace ActorKeys.Actors.Logging;

/// <summary>
/// How many warning and error lines each kind of log source may write per second. Some of Akka.Remote's own lines
/// are written for what a peer sends before any ActorKeys code sees it (a frame naming a serializer identifier that
/// does not exist, a message addressed to another system), so without a budget a stranger would decide how fast
/// the operator's log grows. Over budget, lines are counted, and the next line written says how many were left out.
/// Info and debug lines are not budgeted: they are off unless asked for. Used by the logger actor only.
/// </summary>
public sealed class LogLineBudget(double linesPerSecond = LogLineBudget.DefaultLinesPerSecond, int burst = LogLineBudget.DefaultBurst)
{
    public const double DefaultLinesPerSecond = 10;
    public const int DefaultBurst = 20;

    /// <summary>Sources of one class share a bucket; the class, not the actor path, since a peer can make new paths.</summary>
    private readonly Dictionary<Type, TokenBucket> _buckets = new();

    /// <summary>
    /// The lines to write for <paramref name="e"/> at <paramref name="nowMs"/>: none when over budget; otherwise
    /// <paramref name="e"/>'s line, preceded by a count of what this source left out since its last line.
    /// </summary>
    public IEnumerable<string> LinesFor(LogEvent e, long nowMs, Func<LogEvent, string> format)
    {
        if (e.LogLevel() < LogLevel.WarningLevel)
        {
            return [format(e)];
        }
        var source = e.LogClass ?? typeof(object);
        if (!_buckets.TryGetValue(source, out var bucket))
        {
            // Bounded: log classes are types in this process, not peer-chosen text.
            bucket = _buckets[source] = new TokenBucket(linesPerSecond, burst);
        }
        if (!bucket.TryTake(nowMs, out var suppressed))
        {
            return [];
        }
        return suppressed == 0 ? [format(e)] : [Suppressed(source, suppressed), format(e)];
    }

    /// <summary>True while some source has lines left out that no line has reported yet.</summary>
    public bool HasUnreported => _buckets.Values.Any(b => b.Refused > 0);

    /// <summary>One line per source that left lines out since its last line, so a flood that stopped is still reported.</summary>
    public IEnumerable<string> Unreported()
    {
        foreach (var (source, bucket) in _buckets)
        {
            if (bucket.Refused > 0)
            {
                yield return Suppressed(source, bucket.TakeRefused());
            }
        }
    }

    private string Suppressed(Type source, long count) =>
        $"[WARNING] {source.Name}: suppressed {count} similar lines (over {linesPerSecond:0} a second)";
}
