using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Channel;

/// <summary><c>seq</c> starts at 0 in each generation and direction, and the 2^60 limit holds per generation.</summary>
public sealed class GenerationSequenceTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Seq_restarts_at_zero_in_each_generation_and_direction()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        for (uint generation = 0; generation < 3; generation++)
        {
            for (ulong seq = 0; seq < 3; seq++)
            {
                Assert.Equal((generation, seq), Header(ChannelAssert.Delivers(client, server, "c")));
                Assert.Equal((generation, seq), Header(ChannelAssert.Delivers(server, client, "s")));
            }
            Assert.Equal(3UL, client.SentInGeneration);
            var request = client.BeginRekey();
            Assert.Equal((generation, 3UL), Header(request));
            server.Open(request);
            var ack = server.AnswerRekey();
            Assert.Equal((generation, 3UL), Header(ack));
            Assert.Equal(0UL, server.SentInGeneration);
            client.Open(ack);
            Assert.Equal(0UL, client.SentInGeneration);
        }
    }

    [Fact]
    public void A_rekey_at_the_last_seq_of_a_generation_is_sent_and_the_next_generation_starts_again_at_zero()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        client.SkipSendSequenceTo(SecureChannel.SeqLimit - 1);
        server.SkipSendSequenceTo(SecureChannel.SeqLimit - 1);
        var request = client.BeginRekey();
        Assert.Equal(SecureChannel.SeqLimit - 1, request.Seq);
        server.Open(request);
        var ack = server.AnswerRekey();
        Assert.Equal(SecureChannel.SeqLimit - 1, ack.Seq);
        client.Open(ack);
        Assert.Equal((1u, 0UL), Header(ChannelAssert.Delivers(client, server, "c")));
        Assert.Equal((1u, 0UL), Header(ChannelAssert.Delivers(server, client, "s")));
    }

    [Fact]
    public void A_sender_at_the_limit_of_a_later_generation_refuses_and_closes()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        server.Open(client.BeginRekey());
        client.Open(server.AnswerRekey());
        client.SkipSendSequenceTo(SecureChannel.SeqLimit - 1);
        Assert.Equal((1u, SecureChannel.SeqLimit - 1), Header(ChannelAssert.Delivers(client, server, "last")));
        Assert.Equal(ChannelError.SequenceExhausted, Assert.Throws<SecureChannelException>(() => client.SealData("x"u8)).Error);
        Assert.True(client.IsClosed);
    }

    [Fact]
    public void A_rekey_cannot_be_started_once_the_generation_is_exhausted()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        client.SkipSendSequenceTo(SecureChannel.SeqLimit);
        Assert.Equal(ChannelError.SequenceExhausted, Assert.Throws<SecureChannelException>(() => client.BeginRekey()).Error);
        Assert.True(client.IsClosed);
    }

    [Fact]
    public void A_receiver_ends_the_session_on_a_record_at_the_limit_of_a_later_generation()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        server.Open(client.BeginRekey());
        client.Open(server.AnswerRekey());
        client.SkipSendSequenceTo(SecureChannel.SeqLimit - 1);
        var genuine = client.SealData("x"u8);
        ChannelAssert.RefusedAndClosed(ChannelError.SequenceExhausted, server, genuine with { Seq = SecureChannel.SeqLimit });
    }

    private static (uint, ulong) Header(Sealed record) => (record.Generation, record.Seq);
}
