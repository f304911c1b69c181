using System.Reflection;
using Akka.Actor;
using ActorKeys.Actors.Server;

namespace ActorKeys.Actors.Tests;

/// <summary>The sessions' compact mailbox: first in, first out, nothing lost with many senders, no storage kept once drained, and sessions use it.</summary>
public sealed class SessionMailboxTests : ScenarioTest
{
    [Fact]
    public async Task Messages_from_many_senders_all_arrive_once_and_each_senders_in_order()
    {
        var queue = new CompactMessageQueue();
        const int Senders = 4;
        const int PerSender = 10_000;
        var producers = Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                queue.Enqueue(ActorRefs.Nobody, new Envelope((s, i), ActorRefs.NoSender));
            }
        })).ToArray();
        var next = new int[Senders];
        var received = 0;
        while (received < Senders * PerSender)
        {
            if (queue.TryDequeue(out var envelope))
            {
                var (sender, index) = ((int, int))envelope.Message;
                Assert.Equal(next[sender]++, index);
                received++;
            }
        }
        await Task.WhenAll(producers);
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void Messages_come_out_in_order_through_every_shape_of_the_queue_and_a_drained_queue_holds_no_storage()
    {
        var queue = new CompactMessageQueue();
        var sent = 0;
        var taken = 0;
        void Put(int count)
        {
            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(ActorRefs.Nobody, new Envelope(sent++, ActorRefs.NoSender));
            }
        }
        void Take(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(queue.TryDequeue(out var envelope));
                Assert.Equal(taken++, (int)envelope.Message);
            }
        }

        Put(1); Take(1);             // one waiting: held in the queue itself
        Put(3); Take(1);             // a ring of four, its head moved on
        Put(10); Take(5);            // grown twice, first while wrapped around
        Put(2); Take(queue.Count);   // drained
        Assert.Equal(sent, taken);
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));
        Assert.Null(typeof(CompactMessageQueue).GetField("_ring", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(queue));
        Assert.Null(((Envelope)typeof(CompactMessageQueue).GetField("_only", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(queue)!).Message);
    }

    [Fact]
    public async Task A_server_session_runs_on_the_compact_mailbox()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var connected = await ConnectWatchedAsync(scenario, server, "1");

        var cell = (ActorCell)((ActorRefWithCell)connected.ServerSession).Underlying!;

        Assert.IsType<CompactMessageQueue>(cell.Mailbox!.MessageQueue);
    }
}
