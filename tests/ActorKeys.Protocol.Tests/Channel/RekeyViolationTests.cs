using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Channel;

/// <summary>
/// Rekey and close records anywhere the spec does not allow them (PROTOCOL.md, version 2, items 6 and 7) end the channel:
/// a second request, the wrong direction, the wrong state, a body of the wrong length, an undefined close reason, a weak key.
/// The hostile records are sealed under the genuine keys (SealUnchecked), so only the record rules can refuse them.
/// </summary>
public sealed class RekeyViolationTests : IDisposable
{
    private const string LowOrderPoint = "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800";
    private static readonly byte[] RekeyBody = Bytes.Sequence(0x09, 64);
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_second_rekey_request_under_the_old_generation_after_the_answer_ends_the_channel()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        server.Open(client.BeginRekey());
        server.AnswerRekey();
        // Generation 0 is still accepted as the previous one, but a rekey is legal only under the current generation.
        ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, server, client.SealUnchecked(RecordKind.Rekey, RekeyBody));
    }

    [Fact]
    public void A_second_rekey_request_before_the_first_is_answered_ends_the_channel()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        server.Open(client.BeginRekey());
        ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, server, client.SealUnchecked(RecordKind.Rekey, RekeyBody));
    }

    [Fact]
    public void The_client_starts_one_rekey_at_a_time_and_the_server_none()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        client.BeginRekey();
        Assert.Throws<InvalidOperationException>(() => client.BeginRekey());
        Assert.Throws<InvalidOperationException>(() => server.BeginRekey());
        Assert.Throws<InvalidOperationException>(() => server.AnswerRekey()); // nothing to answer
        Assert.False(client.IsClosed);
        Assert.False(server.IsClosed);
    }

    [Fact]
    public void A_rekey_request_at_the_client_ends_the_channel() =>
        WithChannels((client, server) =>
            ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, client, server.SealUnchecked(RecordKind.Rekey, RekeyBody)));

    [Fact]
    public void A_rekey_ack_at_the_server_ends_the_channel() =>
        WithChannels((client, server) =>
            ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, server, client.SealUnchecked(RecordKind.RekeyAck, new byte[32])));

    [Fact]
    public void A_rekey_ack_with_no_rekey_pending_ends_the_channel() =>
        WithChannels((client, server) =>
            ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, client, server.SealUnchecked(RecordKind.RekeyAck, Bytes.Sequence(9, 32))));

    [Fact]
    public void A_second_rekey_ack_ends_the_channel()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        server.Open(client.BeginRekey());
        client.Open(server.AnswerRekey());
        ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, client, server.SealUnchecked(RecordKind.RekeyAck, Bytes.Sequence(9, 32)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(96)]
    public void A_rekey_request_body_of_another_length_than_64_ends_the_channel(int length) =>
        WithChannels((client, server) =>
            ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, server, client.SealUnchecked(RecordKind.Rekey, Bytes.Sequence(1, length))));

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void A_rekey_ack_body_of_another_length_than_32_ends_the_channel(int length) =>
        WithChannels((client, server) =>
        {
            server.Open(client.BeginRekey());
            Assert.True(client.RekeyPending); // the state is right: only the length is wrong
            ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, client, server.SealUnchecked(RecordKind.RekeyAck, Bytes.Sequence(1, length)));
        });

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_close_body_of_another_length_than_one_ends_the_channel(int length) =>
        WithChannels((client, server) =>
            ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, server, client.SealUnchecked(RecordKind.Close, new byte[length])));

    [Theory]
    [InlineData(4)]
    [InlineData(0x7F)]
    [InlineData(0xFF)]
    public void An_undefined_close_reason_ends_the_channel(byte reason) =>
        WithChannels((client, server) =>
            ChannelAssert.RefusedAndClosed(ChannelError.UnexpectedRecord, client, server.SealUnchecked(RecordKind.Close, [reason])));

    [Theory]
    [InlineData(CloseReason.Normal)]
    [InlineData(CloseReason.Revoked)]
    [InlineData(CloseReason.Expired)]
    [InlineData(CloseReason.ServerShutdown)]
    public void Every_defined_close_reason_closes_cleanly_both_ways(CloseReason reason)
    {
        WithChannels((client, server) =>
        {
            var opened = client.Open(server.SealClose(reason));
            Assert.Equal((RecordKind.Close, reason), (opened.Kind, opened.CloseReason));
            Assert.True(client.IsClosed);
            Assert.True(server.IsClosed);
        });
        WithChannels((client, server) =>
        {
            var opened = server.OpenText(client.SealClose(reason));
            Assert.Equal(new OpenedText(RecordKind.Close, "", reason), opened);
            Assert.True(server.IsClosed);
        });
    }

    [Fact]
    public void Seal_makes_only_data_and_well_formed_close_records() =>
        WithChannels((client, _) =>
        {
            Assert.Throws<ArgumentException>(() => client.Seal(RecordKind.Close, ReadOnlySpan<byte>.Empty));
            Assert.Throws<ArgumentException>(() => client.Seal(RecordKind.Close, [4]));
            Assert.Throws<ArgumentException>(() => client.Seal(RecordKind.Close, [0, 0]));
            Assert.Throws<ArgumentException>(() => client.Seal(RecordKind.Rekey, RekeyBody));
            Assert.Throws<ArgumentException>(() => client.Seal(RecordKind.RekeyAck, new byte[32]));
            Assert.Throws<ArgumentException>(() => client.Seal((RecordKind)9, "x"u8));
            Assert.False(client.IsClosed);
            Assert.Equal(0UL, client.SentInGeneration); // nothing was sealed
        });

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(LowOrderPoint)]
    public void A_weak_client_rekey_key_ends_the_channel_at_the_server(string point) =>
        WithChannels((client, server) =>
        {
            var body = Bytes.Concat(Bytes.Hex(point), Bytes.Sequence(0x20, 32));
            Assert.Equal(RecordKind.Rekey, server.Open(client.SealUnchecked(RecordKind.Rekey, body)).Kind);
            var keys = server.KeysForTests().ToArray();
            Assert.Equal(ChannelError.WeakKey, Assert.Throws<SecureChannelException>(() => server.AnswerRekey()).Error);
            Assert.True(server.IsClosed);
            Assert.All(keys, key => Assert.True(ChannelAssert.IsZero(key)));
        });

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(LowOrderPoint)]
    public void A_weak_server_rekey_key_ends_the_channel_at_the_client(string point) =>
        WithChannels((client, server) =>
        {
            server.Open(client.BeginRekey());
            ChannelAssert.RefusedAndClosed(ChannelError.WeakKey, client, server.SealUnchecked(RecordKind.RekeyAck, Bytes.Hex(point)));
        });

    private void WithChannels(Action<SecureChannel, SecureChannel> test)
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        test(client, server);
    }
}
