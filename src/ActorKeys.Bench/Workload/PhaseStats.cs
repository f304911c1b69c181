using System.Collections.Concurrent;

namespace ActorKeys.Bench.Workload;

/// <summary>
/// What the drivers of one phase share: a count that grows only while <see cref="Counting"/> is on, latency samples,
/// and how many drivers are ready and done. Drivers run on Akka's threads; the phase reads it from its own.
/// </summary>
public sealed class PhaseStats(int drivers)
{
    private long _count;
    private long _failures;
    private int _ready;
    private int _done;
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public volatile bool Counting;

    public long Count => Interlocked.Read(ref _count);
    public long Failures => Interlocked.Read(ref _failures);
    public ConcurrentQueue<double[]> LatencyMicros { get; } = new();
    public Task AllReady => _allReady.Task;
    public Task AllDone => _allDone.Task;

    public void Add(long n = 1)
    {
        if (Counting)
        {
            Interlocked.Add(ref _count, n);
        }
    }

    /// <summary>A refused or unanswered handshake: counted, as handshakes are, only while <see cref="Counting"/> is on.</summary>
    public void Failed()
    {
        if (Counting)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    public void Ready()
    {
        if (Interlocked.Increment(ref _ready) == drivers)
        {
            _allReady.TrySetResult();
        }
    }

    public void Done()
    {
        if (Interlocked.Increment(ref _done) == drivers)
        {
            _allDone.TrySetResult();
        }
    }

    /// <summary>A driver that can no longer take part: the phase fails instead of waiting for it.</summary>
    public void Abort(string why)
    {
        var error = new InvalidOperationException(why);
        _allReady.TrySetException(error);
        _allDone.TrySetException(error);
    }
}

/// <summary>Tells a driver to stop sending, close its session(s) and report <see cref="PhaseStats.Done"/>.</summary>
public sealed class StopDriving
{
    public static readonly StopDriving Instance = new();
}
