namespace ActorKeys.Actors.Registry;

/// <summary>
/// "Last seen" per client id, kept in memory and handed out for writing at most once per <see cref="Interval"/> per id:
/// an established session costs a dictionary write, never a database write per handshake. Not thread-safe (one owner,
/// the <see cref="RegistryWatcher"/>). Memory is bounded by the ids seen within one interval.
/// </summary>
public sealed class LastSeenBatch(TimeSpan interval)
{
    private readonly Dictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastWritten = new(StringComparer.Ordinal);

    public TimeSpan Interval { get; } = interval;

    public int PendingCount => _pending.Count;

    /// <summary>Notes that <paramref name="clientId"/> established a session at <paramref name="at"/>.</summary>
    public void Seen(string clientId, DateTimeOffset at) => _pending[clientId] = at;

    /// <summary>
    /// The pending times that may be written now (ids not written within the last <see cref="Interval"/>), removed from
    /// the batch; the rest wait for a later call.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, DateTimeOffset>> TakeDue(DateTimeOffset now)
    {
        foreach (var stale in _lastWritten.Where(w => now - w.Value >= Interval).Select(w => w.Key).ToList())
        {
            _lastWritten.Remove(stale);
        }
        var due = _pending.Where(p => !_lastWritten.ContainsKey(p.Key)).ToList();
        foreach (var (clientId, _) in due)
        {
            _pending.Remove(clientId);
            _lastWritten[clientId] = now;
        }
        return due;
    }
}
