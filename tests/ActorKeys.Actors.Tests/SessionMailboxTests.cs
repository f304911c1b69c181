using Akka.Actor;
using ActorKeys.Actors.Server;

namespace ActorKeys.Actors.Tests;

/// <summary>The sessions' compact mailbox: first in, first out, nothing lost with many senders, and sessions use it.</summary>
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
