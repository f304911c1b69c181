namespace ActorKeys.Bench;

/// <summary>
/// Bytes this process allocated on its managed heap from <see cref="Start"/> to <see cref="Stop"/>. Each process counts
/// its own (the runtime keeps no such count another process could read): the clients' process over the counted phase,
/// the server's over its request to count the phase. That request also waits for the phase's load to stop, so the
/// server's window holds the last handshakes or records in flight too: at most one handshake or one window of records
/// per client, against the many thousands counted. Allocation is what the garbage collector's work grows with, and it
/// moves far less with the neighbours on shared cores than a rate does.
/// </summary>
public sealed class PhaseAllocations
{
    private long _start;

    public void Start() => _start = Allocated();

    public long Stop() => Allocated() - _start;

    // Not precise: the threads' allocation contexts not yet used up (a few KiB each) count as allocated, against millions
    // of bytes over a phase.
    private static long Allocated() => GC.GetTotalAllocatedBytes(precise: false);
}
