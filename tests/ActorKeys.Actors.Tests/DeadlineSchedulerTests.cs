using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Scheduling;
using Akka.Actor;
using Akka.Actor.Scheduler;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// The scheduler every ActorKeys system runs on: Akka's semantics (never early, in deadline order, cancelled tasks
/// dropped, repeats, a failing task logged and not repeated, pending tasks run at shutdown), no wake-ups while nothing
/// is due, and timers due close together sharing one (at most a quarter of their delay, and 32 ms, late).
/// </summary>
public sealed class DeadlineSchedulerTests() : Akka.TestKit.Xunit2.TestKit(Hocon)
{
    private const string Hocon = $$"""
        akka.loglevel = WARNING
        akka.scheduler.implementation = "{{DeadlineScheduler.ImplementationName}}"
        """;

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private DeadlineScheduler Scheduler => Assert.IsType<DeadlineScheduler>(Sys.Scheduler);

    [Theory]
    [InlineData(SystemRole.Server)]
    [InlineData(SystemRole.Client)]
    public void Every_system_ActorKeys_configures_runs_on_it(SystemRole role)
    {
        Assert.Equal(typeof(DeadlineScheduler), Type.GetType(DeadlineScheduler.ImplementationName, throwOnError: true));
        Assert.Equal(DeadlineScheduler.ImplementationName, ActorKeysConfig.Build(role).GetString("akka.scheduler.implementation"));
        Assert.Equal(DeadlineScheduler.ImplementationName,
            ActorKeysSettings.ReferenceConfig.GetConfig("actorkeys.cluster-core").GetString("akka.scheduler.implementation"));
        // A cluster node's core, as it is built: from reference.conf's cluster-core block, not a setting of its own.
        var core = Core.CoreConfig.Build(Core.ClusterSettings.From(ConfigurationFactory.Empty), "unused.db");
        Assert.Equal(DeadlineScheduler.ImplementationName, core.GetString("akka.scheduler.implementation"));
    }

    [Fact]
    public void Messages_arrive_in_the_order_of_their_deadlines_and_never_before_them()
    {
        var clock = Stopwatch.StartNew();
        // Far enough apart that the time between the four calls cannot reorder them.
        var delays = new[] { 1200, 0, 800, 400 };
        foreach (var delay in delays)
        {
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(delay), TestActor, delay, ActorRefs.NoSender);
        }
        foreach (var delay in delays.Order())
        {
            ExpectMsg(delay, Generous);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(delay), $"the message due at {delay} ms came at {clock.Elapsed}");
        }
    }

    [Fact]
    public void Tasks_due_at_the_same_time_run_in_the_order_they_were_scheduled()
    {
        // A stopped clock gives every task the same deadline, one tick ahead; then the clock moves on by that tick.
        var now = new StrongBox<long>(0);
        using var scheduler = new DeadlineScheduler(Sys.Settings.Config, Sys.Log, () => TimeSpan.FromTicks(Volatile.Read(ref now.Value)));
        var ran = new ConcurrentQueue<int>();
        const int Count = 1_000;
        for (var i = 0; i < Count; i++)
        {
            var index = i;
            ((IScheduler)scheduler).Advanced.ScheduleOnce(TimeSpan.FromTicks(1), () => ran.Enqueue(index));
        }
        Volatile.Write(ref now.Value, 1);
        AwaitCondition(() => ran.Count == Count, Generous);
        Assert.Equal(Enumerable.Range(0, Count), ran);
    }

    [Fact]
    public async Task A_task_cancelled_by_one_due_with_it_does_not_run()
    {
        var now = new StrongBox<long>(0);
        using var scheduler = new DeadlineScheduler(Sys.Settings.Config, Sys.Log, () => TimeSpan.FromTicks(Volatile.Read(ref now.Value)));
        var advanced = ((IScheduler)scheduler).Advanced;
        var second = new Cancelable((IScheduler)scheduler);
        var secondRan = false;
        var firstRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        advanced.ScheduleOnce(TimeSpan.FromTicks(1), () =>
        {
            second.Cancel();
            firstRan.TrySetResult();
        });
        advanced.ScheduleOnce(TimeSpan.FromTicks(1), () => secondRan = true, second);
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        advanced.ScheduleOnce(TimeSpan.FromTicks(2), () => after.TrySetResult());
        Volatile.Write(ref now.Value, 2);
        await after.Task.WaitAsync(Generous);
        Assert.True(firstRan.Task.IsCompleted);
        Assert.False(secondRan);
    }

    [Fact]
    public void Cancelled_tasks_do_not_pile_up_before_their_deadlines()
    {
        // As Akka's receive timeouts do on every message: schedule far ahead, cancel, schedule again.
        for (var i = 0; i < 20_000; i++)
        {
            Sys.Scheduler.ScheduleTellOnceCancelable(i % 2 == 0 ? TimeSpan.FromHours(1) : TimeSpan.MaxValue, TestActor, i, ActorRefs.NoSender).Cancel();
        }
        Assert.InRange(Scheduler.QueuedCount, 0, 2 * 1024);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.Zero, TestActor, "still working", ActorRefs.NoSender);
        ExpectMsg("still working", Generous);
    }

    [Fact]
    public void A_task_due_sooner_than_the_one_the_thread_sleeps_for_wakes_it()
    {
        AwaitCondition(() => Scheduler.IsSleeping, Generous);
        var wakeUps = Scheduler.WakeUps;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromHours(1), TestActor, "an hour", ActorRefs.NoSender);
        // Woken by that task and asleep again: now it waits for the hour, and only a new wake-up brings the next one.
        AwaitCondition(() => Scheduler.WakeUps > wakeUps && Scheduler.IsSleeping, Generous);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "soon", ActorRefs.NoSender);
        ExpectMsg("soon", Generous);
    }

    [Fact]
    public void A_cancelled_task_never_runs()
    {
        var cancelled = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(100), TestActor, "cancelled", ActorRefs.NoSender);
        cancelled.Cancel();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "later", ActorRefs.NoSender);
        ExpectMsg("later", Generous);
    }

    [Fact]
    public void A_repeated_task_repeats_until_cancelled()
    {
        var runs = 0;
        var ticks = Sys.Scheduler.Advanced.ScheduleRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), () =>
        {
            Interlocked.Increment(ref runs);
            TestActor.Tell("tick", ActorRefs.NoSender);
        });
        for (var i = 0; i < 4; i++)
        {
            ExpectMsg("tick", Generous);
        }
        ticks.Cancel();
        var runsAtCancel = Volatile.Read(ref runs);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "after", ActorRefs.NoSender);
        FishForMessage(message => message as string == "after", Generous);
        // One run may have begun before the cancel; none starts after it.
        Assert.InRange(Volatile.Read(ref runs), runsAtCancel, runsAtCancel + 1);
    }

    [Theory]
    [InlineData(0, 2, 0)] // a delay under 4 ms: as soon as it is due
    [InlineData(1_001, 3, 1_001)]
    [InlineData(1_001, 150, 1_024)] // Akka.Remote's acknowledgement check (150 ms): 32 ms slots
    [InlineData(1_000, 150, 1_024)]
    [InlineData(1_024, 150, 1_024)] // at the end of a slot already
    [InlineData(1_001, 100, 1_008)] // a quarter of 100 ms, down to a power of two: 16 ms
    [InlineData(1_001, 20, 1_004)]
    [InlineData(1_001, 10_000, 1_024)] // never more than 32 ms, however long the delay
    public void A_task_runs_at_the_end_of_the_slot_its_deadline_falls_in(long deadlineMs, long delayMs, long runsAtMs)
    {
        const long PerMs = TimeSpan.TicksPerMillisecond;
        Assert.Equal(runsAtMs * PerMs, DeadlineScheduler.RunAt(deadlineMs * PerMs, delayMs * PerMs));
    }

    [Fact]
    public void A_task_runs_neither_before_its_deadline_nor_later_than_a_quarter_of_its_delay_or_32_ms()
    {
        var random = new Random(14);
        for (var i = 0; i < 100_000; i++)
        {
            var deadline = random.NextInt64(0, TimeSpan.FromDays(30).Ticks);
            var delay = random.NextInt64(0, TimeSpan.FromSeconds(5).Ticks);
            var runAt = DeadlineScheduler.RunAt(deadline, delay);
            Assert.InRange(runAt, deadline, deadline + Math.Min(delay / 4, DeadlineScheduler.MaxSlack.Ticks));
        }
        Assert.Equal(long.MaxValue, DeadlineScheduler.RunAt(long.MaxValue, TimeSpan.FromDays(1).Ticks));
    }

    [Fact]
    public void Timers_due_close_together_share_a_wake_up()
    {
        // As the timers of many Akka.Remote associations: the same interval, each with a phase of its own.
        var runs = 0;
        var wakeUpsBefore = Scheduler.WakeUps;
        var timers = Enumerable.Range(0, 30)
            .Select(i => Sys.Scheduler.Advanced.ScheduleRepeatedlyCancelable(TimeSpan.FromMilliseconds(100 + 3 * i),
                TimeSpan.FromMilliseconds(200), () => Interlocked.Increment(ref runs)))
            .ToList();
        AwaitCondition(() => Volatile.Read(ref runs) >= 300, Generous);
        var wakeUps = Scheduler.WakeUps - wakeUpsBefore;
        var ran = Volatile.Read(ref runs);
        timers.ForEach(timer => timer.Cancel());
        // Without slots, a wake-up per run; with them, the 87 ms the phases span fall into at most four 32 ms slots a round.
        Assert.True(3 * wakeUps < ran, $"{wakeUps} wake-ups for {ran} runs");
    }

    [Fact]
    public void A_repeated_task_is_due_at_fixed_intervals_and_does_not_catch_up_on_missed_ones()
    {
        var now = new StrongBox<long>(0);
        using var scheduler = new DeadlineScheduler(Sys.Settings.Config, Sys.Log, () => TimeSpan.FromTicks(Volatile.Read(ref now.Value)));
        var runs = 0;
        // Delays under 4 ms: due exactly, no slots.
        ((IScheduler)scheduler).Advanced.ScheduleRepeatedly(TimeSpan.FromTicks(10), TimeSpan.FromTicks(10), () => Interlocked.Increment(ref runs));
        // After each run the clock moves on only once the thread sleeps again, that is, once it has queued the next run
        // (reading the clock): moved sooner, it would time the next run from the new time.
        void MoveClockTo(long time, int expectedRuns)
        {
            Volatile.Write(ref now.Value, time);
            AwaitCondition(() => Volatile.Read(ref runs) >= expectedRuns && scheduler.IsSleeping, Generous, TimeSpan.FromMilliseconds(10));
        }
        MoveClockTo(15, 1);
        // Due at 20, its first deadline plus the interval, not at 25 (the end of a run that came at 15, plus the interval).
        MoveClockTo(20, 2);
        // Five intervals late: one run now, and the next an interval later (85), not four more at once.
        MoveClockTo(75, 3);
        MoveClockTo(85, 4);
        Assert.Equal(4, Volatile.Read(ref runs));
    }

    [Fact]
    public void A_task_that_throws_is_logged_not_repeated_and_stops_nothing_else()
    {
        var runs = 0;
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
            Sys.Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), () =>
            {
                Interlocked.Increment(ref runs);
                throw new InvalidOperationException("a failing task");
            }));
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "still running", ActorRefs.NoSender);
        ExpectMsg("still running", Generous);
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public void A_local_actor_gets_its_scheduled_message_as_it_was_sent()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)));
        var tick = new QuietTick();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.Zero, actor, tick, ActorRefs.NoSender);
        Assert.Same(tick, ExpectMsg<QuietTick>(Generous));
    }

    [Fact]
    public void A_scheduled_message_to_a_local_actor_goes_in_Akkas_envelope_which_keeps_it_from_resetting_a_receive_timeout_when_marked_so()
    {
        var quiet = new QuietTick();
        var quietEnvelope = Assert.IsAssignableFrom<IScheduledTellMsg>(ScheduledTell.Envelope(TestActor, quiet));
        Assert.Same(quiet, quietEnvelope.Message);
        Assert.IsAssignableFrom<INotInfluenceReceiveTimeout>(quietEnvelope);

        var plainEnvelope = Assert.IsAssignableFrom<IScheduledTellMsg>(ScheduledTell.Envelope(TestActor, "plain"));
        Assert.Equal("plain", plainEnvelope.Message);
        Assert.False(plainEnvelope is INotInfluenceReceiveTimeout);

        // Anyone else (a selection, a remote actor) gets the message itself: only a local cell opens the envelope.
        Assert.Same(quiet, ScheduledTell.Envelope(Sys.ActorSelection(TestActor.Path), quiet));
    }

    [Fact]
    public void A_scheduler_with_nothing_due_does_not_wake()
    {
        AwaitCondition(() => Scheduler.IsSleeping, Generous);
        var before = Scheduler.WakeUps;
        var clock = Stopwatch.StartNew();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "a second", ActorRefs.NoSender);
        ExpectMsg("a second", Generous);
        // A ticking scheduler wakes every tick (Akka's: 10 times in this second at a 100 ms tick). This one wakes
        // for the new task (it sleeps with nothing due until then) and when it is due; a third for any spurious wake.
        Assert.True(Scheduler.WakeUps - before <= 3, $"{Scheduler.WakeUps - before} wake-ups in {clock.Elapsed}");
    }

    [Fact]
    public async Task At_shutdown_pending_tasks_run_once_and_nothing_more_can_be_scheduled()
    {
        var system = ActorSystem.Create("shutdown", ConfigurationFactory.ParseString(Hocon));
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelledRan = false;
        system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromHours(1), () => ran.TrySetResult());
        var cancelled = system.Scheduler.Advanced.ScheduleOnceCancelable(TimeSpan.FromHours(1), () => cancelledRan = true);
        cancelled.Cancel();
        await system.Terminate().WaitAsync(Generous);
        await ran.Task.WaitAsync(Generous);
        Assert.False(cancelledRan);
        Assert.Throws<SchedulerException>(() => system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, () => { }));
    }

    private sealed class QuietTick : INotInfluenceReceiveTimeout;

    private sealed class Forwarder(IActorRef report) : UntypedActor
    {
        protected override void OnReceive(object message) => report.Tell(message, Self);
    }
}
