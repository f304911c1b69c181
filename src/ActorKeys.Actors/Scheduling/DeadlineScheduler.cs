using System.Diagnostics;
using System.Numerics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace ActorKeys.Actors.Scheduling;

/// <summary>
/// Akka's scheduler, without the tick: one thread sleeps until the earliest deadline it holds, runs what is due, and
/// sleeps again; with nothing due it does not wake at all. Chosen by <c>akka.scheduler.implementation</c>
/// (<see cref="ImplementationName"/>) in <c>actorkeys.defaults</c> and <c>actorkeys.cluster-core</c> (reference.conf) and
/// by the local system that mints keystores (<c>LocalKeyAuthority</c>): every system ActorKeys starts.
/// </summary>
/// <remarks>
/// Why: Akka's <c>HashedWheelTimerScheduler</c> wakes every <c>tick-duration</c> whether or not anything is due, and on
/// .NET 6 and later each tick is a <c>PeriodicTimer</c> continuation on a thread-pool worker, which then spins before it
/// sleeps. At a 100 ms tick that was most of an idle server's CPU (README, Performance, stop 13). Here an idle server
/// wakes only for what it scheduled itself (failure-detector ticks, the registry poll, the sessions' deadlines).
/// <para>
/// Semantics kept from Akka's scheduler: a task never runs before its deadline, and tasks due at the same time with the
/// same delay run in the order they were scheduled, one after another (with different delays, see the slots below); a
/// cancelled task does not run; a task that throws is logged and not repeated; once disposed, scheduling throws
/// <see cref="SchedulerException"/>, and the tasks still pending run once (as Akka's own scheduler does at shutdown: a
/// scheduled message then reaches dead letters). Differences: tasks run on this scheduler's own thread (Akka's runs them
/// on a thread-pool worker: either way a task should only tell or enqueue); a delay of <see cref="TimeSpan.MaxValue"/>
/// means never.
/// </para>
/// <para>
/// When it runs: tasks are gathered into slots (<see cref="RunAt"/>). A task may run up to a quarter of its delay after
/// its deadline, at most <see cref="MaxSlack"/> (32 ms), and runs at the end of the slot of that size its deadline
/// falls in; slots are counted from one zero for the whole process and their sizes are powers of two milliseconds, so
/// that tasks due close together run in one wake-up (and the schedulers of the systems in one process, a thread each,
/// wake at the same moments). That matters for Akka.Remote: each association (each client system a server talks to)
/// brings timers of its own (an acknowledgement check every 150 ms, resends every 2 s, heartbeats), and a wake-up
/// costs far more than what is woken for (the thread's wake, a thread-pool worker's, and that worker's spinning before
/// it sleeps again: README, Performance, stop 14). Tasks with a delay under 4 ms run as soon as they are due. Akka's
/// own scheduler is late by up to a tick (10 ms by default; ActorKeys' configuration had 100 ms). Within a slot, tasks
/// run in deadline order, then in the order they were scheduled; a task with a shorter delay, in a smaller slot, may
/// run before one due a little earlier in a larger slot (never before its own deadline). A repeated task is due at
/// fixed intervals from its first deadline, so that its slot's lateness does not add up from run to run (a heartbeat
/// every second stays one a second on average); after a run later than a whole interval, it is due an interval after
/// that run, with no runs to catch up. Akka's scheduler times each repeat from the tick that ran the one before.
/// </para>
/// <para>
/// A cancelled task stays queued until its deadline or until the queue has doubled since it was last cleared of
/// cancelled tasks, whichever comes first: Akka's receive timeouts and timers cancel and schedule again on every
/// message, and this keeps the queue within twice what was live at the last clear-out (or 1,024 tasks).
/// </para>
/// </remarks>
public sealed class DeadlineScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    /// <summary>The value of <c>akka.scheduler.implementation</c> that chooses this scheduler.</summary>
    public const string ImplementationName = "ActorKeys.Actors.Scheduling.DeadlineScheduler, ActorKeys.Actors";

    /// <summary>The most a task runs after its deadline, on top of the operating system's wait (see <see cref="RunAt"/>).</summary>
    public static readonly TimeSpan MaxSlack = TimeSpan.FromMilliseconds(32);

    /// <summary>Tasks with a shorter delay are not gathered into slots: a quarter of it would be under a millisecond.</summary>
    private static readonly long LeastGatheredDelay = 4 * TimeSpan.TicksPerMillisecond;

    /// <summary>The queue is cleared of cancelled tasks no sooner than at this length.</summary>
    private const int LeastPurgeLength = 1024;

    /// <summary>The clocks' zero. Akka's own is internal; its users compare a scheduler's clock only with itself.</summary>
    private static readonly long Origin = Stopwatch.GetTimestamp();

    private readonly object _gate = new();
    /// <summary>
    /// Pending tasks by the time they run (<see cref="RunAt"/>), then by deadline, then by the order they were scheduled
    /// in (the queue alone does not keep it for equal keys); all in ticks of <see cref="HighResMonotonicClock"/>.
    /// Guarded by <see cref="_gate"/>, as are the fields below.
    /// </summary>
    private readonly PriorityQueue<ScheduledTask, (long RunAt, long Deadline, long Sequence)> _pending = new();
    private long _sequence;
    /// <summary>The queue's length at which cancelled tasks are next cleared out.</summary>
    private int _purgeAt = LeastPurgeLength;
    private readonly Thread _thread;
    private readonly TimeSpan _shutdownTimeout;
    /// <summary>The time the thread waits for while it waits, else <see cref="long.MinValue"/>: a task to run sooner wakes it.</summary>
    private long _sleepingUntil = long.MinValue;
    private bool _stopped;
    private long _wakeUps;

    private readonly Func<TimeSpan> _clock;

    public DeadlineScheduler(Config scheduler, ILoggingAdapter log) : this(scheduler, log, () => Stopwatch.GetElapsedTime(Origin))
    {
    }

    /// <param name="clock">Monotonic time; the tests stop it to make deadlines equal.</param>
    internal DeadlineScheduler(Config scheduler, ILoggingAdapter log, Func<TimeSpan> clock) : base(scheduler, log)
    {
        _clock = clock;
        _shutdownTimeout = scheduler.GetTimeSpan("akka.scheduler.shutdown-timeout", TimeSpan.FromSeconds(5));
        _thread = new Thread(Run) { IsBackground = true, Name = "actorkeys-scheduler" };
        _thread.Start();
    }

    protected override DateTimeOffset TimeNow => DateTimeOffset.UtcNow;

    /// <summary>Whole milliseconds since <see cref="Origin"/>, as Akka's schedulers give it.</summary>
    public override TimeSpan MonotonicClock => TimeSpan.FromMilliseconds((long)_clock().TotalMilliseconds);

    public override TimeSpan HighResMonotonicClock => _clock();

    /// <summary>How many times the thread has woken from a wait: for the tests that hold it to not ticking.</summary>
    public long WakeUps
    {
        get
        {
            lock (_gate)
            {
                return _wakeUps;
            }
        }
    }

    /// <summary>Tasks queued, cancelled ones included until they are cleared out.</summary>
    internal int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>True while the thread waits for a deadline or a new task.</summary>
    public bool IsSleeping
    {
        get
        {
            lock (_gate)
            {
                return _sleepingUntil != long.MinValue;
            }
        }
    }

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender,
        ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, new ScheduledTell(receiver, message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver,
        object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, new ScheduledTell(receiver, message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action,
        ICancelable cancelable) =>
        Schedule(initialDelay, interval, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action,
        ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan interval, IRunnable action, ICancelable? cancelable)
    {
        var task = new ScheduledTask(action, cancelable, interval.Ticks);
        lock (_gate)
        {
            if (_stopped)
            {
                throw new SchedulerException("cannot enqueue after timer shutdown");
            }
            var runAt = Enqueue(task, After(HighResMonotonicClock.Ticks, delay.Ticks), delay.Ticks);
            if (runAt < _sleepingUntil)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>
    /// When a task due at <paramref name="deadline"/>, <paramref name="delay"/> ticks after it was scheduled, runs: at the
    /// end of the slot its deadline falls in. A slot is a quarter of the delay, at most <see cref="MaxSlack"/>, rounded
    /// down to a power of two milliseconds, and slots are counted from the clock's zero: a slot of one size begins and
    /// ends where slots of every smaller size do, so tasks with different delays still share wake-ups. Never before
    /// the deadline.
    /// </summary>
    internal static long RunAt(long deadline, long delay)
    {
        if (delay < LeastGatheredDelay || deadline < 0)
        {
            return deadline;
        }
        var quarterMs = (ulong)(Math.Min(delay / 4, MaxSlack.Ticks) / TimeSpan.TicksPerMillisecond);
        var slot = TimeSpan.TicksPerMillisecond << BitOperations.Log2(quarterMs);
        var intoSlot = deadline % slot;
        return intoSlot == 0 || deadline > long.MaxValue - slot ? deadline : deadline - intoSlot + slot;
    }

    /// <summary>Under <see cref="_gate"/>; returns when the task will run.</summary>
    private long Enqueue(ScheduledTask task, long deadline, long delay)
    {
        if (_pending.Count >= _purgeAt)
        {
            var live = _pending.UnorderedItems.Where(entry => !entry.Element.Cancelled).ToList();
            _pending.Clear();
            _pending.EnqueueRange(live);
            _purgeAt = Math.Max(LeastPurgeLength, 2 * _pending.Count);
        }
        task.Deadline = deadline;
        var runAt = RunAt(deadline, delay);
        _pending.Enqueue(task, (runAt, deadline, _sequence++));
        return runAt;
    }

    private void Run()
    {
        var due = new List<ScheduledTask>();
        while (TakeDue(due))
        {
            foreach (var task in due)
            {
                RunOnce(task);
            }
            due.Clear();
        }
    }

    /// <summary>Waits until at least one task is due and moves the due ones into <paramref name="due"/>; false once stopped.</summary>
    private bool TakeDue(List<ScheduledTask> due)
    {
        lock (_gate)
        {
            while (!_stopped)
            {
                var now = HighResMonotonicClock.Ticks;
                while (_pending.TryPeek(out var task, out var key) && key.RunAt <= now)
                {
                    _pending.Dequeue();
                    if (!task.Cancelled)
                    {
                        due.Add(task);
                    }
                }
                if (due.Count > 0)
                {
                    return true;
                }
                var next = _pending.TryPeek(out _, out var earliest) ? earliest.RunAt : long.MaxValue;
                _sleepingUntil = next;
                Monitor.Wait(_gate, WaitMilliseconds(now, next));
                _sleepingUntil = long.MinValue;
                _wakeUps++;
            }
            return false;
        }
    }

    /// <summary>Nothing a task does may end the thread: an exception escaping here would end the process.</summary>
    private void RunOnce(ScheduledTask task)
    {
        try
        {
            // Asked again: it may have been cancelled while the tasks before it in this batch ran.
            if (task.Cancelled)
            {
                return;
            }
            task.Action.Run();
            if (task.Interval > 0 && !task.Cancelled)
            {
                lock (_gate)
                {
                    if (!_stopped)
                    {
                        // At fixed intervals from the first deadline; after a run later than a whole interval, from now.
                        var now = HighResMonotonicClock.Ticks;
                        var next = After(task.Deadline, task.Interval);
                        Enqueue(task, next > now ? next : After(now, task.Interval), task.Interval);
                    }
                }
            }
        }
        catch (Exception e)
        {
            Failed(e, task, "failed; it will not run again");
        }
    }

    /// <summary>
    /// The task's type is named, never its text: a scheduled message's text (Akka's scheduler logs it) could carry
    /// anything. The exception is logged as it is, as everywhere in Akka.
    /// </summary>
    private void Failed(Exception e, ScheduledTask task, string what)
    {
        try
        {
            Log.Error(e, "A scheduled task ({0}) {1}", task.Action.GetType().Name, what);
        }
        catch
        {
            // A logger that throws is not this thread's to die of.
        }
    }

    /// <summary>Rounded up to whole milliseconds, so a wake comes at or after the deadline, never a busy loop before it.</summary>
    private static int WaitMilliseconds(long now, long deadline)
    {
        if (deadline == long.MaxValue)
        {
            return Timeout.Infinite;
        }
        var milliseconds = (deadline - now + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return (int)Math.Clamp(milliseconds, 1, int.MaxValue - 1);
    }

    /// <summary>A delay of <see cref="TimeSpan.MaxValue"/> means never, not an overflow into the past.</summary>
    private static long After(long now, long delayTicks) =>
        delayTicks >= long.MaxValue - now ? long.MaxValue : now + delayTicks;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
            _stopped = true;
            Monitor.Pulse(_gate);
        }
        if (Thread.CurrentThread != _thread && !_thread.Join(_shutdownTimeout))
        {
            Log.Warning("The scheduler's thread did not stop within {0}", _shutdownTimeout);
            return;
        }
        List<ScheduledTask> left;
        lock (_gate)
        {
            left = _pending.UnorderedItems.OrderBy(entry => entry.Priority).Select(entry => entry.Element)
                .Where(task => !task.Cancelled).ToList();
            _pending.Clear();
        }
        foreach (var task in left)
        {
            try
            {
                task.Action.Run();
            }
            catch (SchedulerException)
            {
                // A task that schedules again at shutdown: nothing to do, as with Akka's scheduler.
            }
            catch (Exception e)
            {
                Failed(e, task, "failed at shutdown");
            }
        }
    }

    private sealed class ScheduledTask(IRunnable action, ICancelable? cancelable, long interval)
    {
        public IRunnable Action { get; } = action;
        /// <summary>Ticks between runs; 0 for a task that runs once.</summary>
        public long Interval { get; } = interval;
        /// <summary>When it is due next (its slot aside): set as it is queued, under the scheduler's lock.</summary>
        public long Deadline { get; set; }
        public bool Cancelled => cancelable?.IsCancellationRequested ?? false;
    }
}
