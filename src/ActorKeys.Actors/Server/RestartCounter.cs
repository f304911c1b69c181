namespace ActorKeys.Actors.Server;

/// <summary>
/// How often a core actor was restarted: zero for the life of a healthy server. Kept outside the actor (a restart
/// replaces the instance), read by the hostile-peer tests and meant for metrics.
/// </summary>
public sealed class RestartCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    internal void Increment() => Interlocked.Increment(ref _count);
}
