using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Channel;

/// <summary>The in-band rekey (PROTOCOL.md, version 2, item 6) done right: records keep flowing both ways and nothing is lost.</summary>
public sealed class RekeyFlowTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_full_rekey_moves_both_directions_to_the_next_generation_with_records_flowing()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        ChannelAssert.Delivers(client, server, "c2s before");
        ChannelAssert.Delivers(server, client, "s2c before");

        var request = client.BeginRekey();
        Assert.True(client.RekeyPending);
        Assert.Equal((0u, 1UL), (request.Generation, request.Seq));
        // The client keeps sending under generation 0 while its rekey is pending.
        var pendingData = client.SealText("c2s while pending")!;
        Assert.Equal(0u, pendingData.Generation);

        var opened = server.Open(request);
        Assert.Equal(RecordKind.Rekey, opened.Kind);
        Assert.Empty(opened.Body);
        ChannelAssert.Delivers(server, client, "s2c before the answer");
        var ack = server.AnswerRekey();
        Assert.Equal(0u, ack.Generation);
        Assert.Equal(1u, server.SendGeneration);
        Assert.True(server.AcceptsPreviousGeneration);
        Assert.Equal("c2s while pending", server.OpenText(pendingData).Text);

        Assert.Equal(RecordKind.RekeyAck, client.Open(ack).Kind);
        Assert.False(client.RekeyPending);
        Assert.Equal(1u, client.SendGeneration);

        var c2s = ChannelAssert.Delivers(client, server, "c2s after");
        var s2c = ChannelAssert.Delivers(server, client, "s2c after");
        Assert.Equal((1u, 0UL), (c2s.Generation, c2s.Seq));
        Assert.Equal((1u, 0UL), (s2c.Generation, s2c.Seq));
        Assert.False(server.AcceptsPreviousGeneration);
        Assert.False(client.IsClosed);
        Assert.False(server.IsClosed);
    }

    [Fact]
    public void Fifty_consecutive_rekeys_interleaved_with_data_both_ways_lose_nothing()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var random = new Random(50);
        var sent = 0;
        var delivered = 0;
        // Each side's inbox in the order sent: Akka.Remote keeps that order between one pair of actors.
        var toServer = new Queue<(Sealed Record, string? Text)>();
        var toClient = new Queue<(Sealed Record, string? Text)>();
        void Send(SecureChannel from, Queue<(Sealed, string?)> inbox)
        {
            var text = $"{from.Role} {sent++} " + new string('x', random.Next(0, 2000));
            inbox.Enqueue((from.SealText(text)!, text));
        }
        void Deliver(SecureChannel to, Queue<(Sealed Record, string? Text)> inbox)
        {
            while (inbox.TryDequeue(out var item))
            {
                var opened = to.OpenText(item.Record);
                if (opened.Kind == RecordKind.Rekey)
                {
                    // The server answers as its session actor would: some data still under the old generation, the
                    // ack, then data under the new one.
                    Send(server, toClient);
                    toClient.Enqueue((server.AnswerRekey(), null));
                    Send(server, toClient);
                    continue;
                }
                Assert.Equal(item.Text is null ? RecordKind.RekeyAck : RecordKind.Data, opened.Kind);
                if (item.Text is not null)
                {
                    Assert.Equal(item.Text, opened.Text);
                    delivered++;
                }
            }
        }

        for (var round = 1; round <= 50; round++)
        {
            for (var i = random.Next(0, 3); i > 0; i--)
            {
                Send(client, toServer);
                Send(server, toClient);
            }
            toServer.Enqueue((client.BeginRekey(), null));
            Send(client, toServer); // data under the old generation while the rekey is pending
            // Sometimes the client's inbox is read before the server answers (nothing of the new generation is in it yet).
            if (random.Next(2) == 0)
            {
                Deliver(client, toClient);
            }
            Deliver(server, toServer);
            Assert.True(server.AcceptsPreviousGeneration);
            Deliver(client, toClient);
            Assert.Equal((uint)round, client.SendGeneration);
            Assert.Equal((uint)round, server.SendGeneration);
            Send(client, toServer);
            Deliver(server, toServer);
            Assert.False(server.AcceptsPreviousGeneration);
        }
        Assert.False(client.IsClosed);
        Assert.False(server.IsClosed);
        Assert.Equal(sent, delivered);
        Assert.True(delivered >= 50 * 4, $"only {delivered} records delivered");
    }
}
