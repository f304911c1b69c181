using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Channel;

/// <summary>Record rules of PROTOCOL.md → Data: order, gaps, size, direction, and fail-closed.</summary>
public class SecureChannelTests
{
    private static readonly byte[] Sid = Bytes.Sequence(0x80, 16);
    private static readonly byte[] KeyC2S = Bytes.Sequence(0x10, 32);
    private static readonly byte[] KeyS2C = Bytes.Sequence(0x30, 32);
    private static readonly byte[] ChainKey = Bytes.Sequence(0x50, 32);
    private static readonly byte[] Th = Bytes.Sequence(0x70, 32);

    private static SecureChannel Client(int max = Ak1.DefaultMaxMessageBytes) => new(Sid, ChannelRole.Client, KeyC2S, KeyS2C, ChainKey, Th, max);

    private static SecureChannel Server(int max = Ak1.DefaultMaxMessageBytes) => new(Sid, ChannelRole.Server, KeyC2S, KeyS2C, ChainKey, Th, max);

    private static void AssertRefusedAndClosed(ChannelError expected, SecureChannel receiver, Sealed record, Sealed validNext)
    {
        Assert.Equal(expected, Assert.Throws<SecureChannelException>(() => receiver.Open(record)).Error);
        Assert.True(receiver.IsClosed);
        Assert.Equal(ChannelError.Closed, Assert.Throws<SecureChannelException>(() => receiver.Open(validNext)).Error);
        Assert.Equal(ChannelError.Closed, Assert.Throws<SecureChannelException>(() => receiver.Seal(RecordKind.Data, "x"u8)).Error);
    }

    [Fact]
    public void ReplayedRecordEndsTheChannel()
    {
        using var client = Client();
        using var server = Server();
        var first = client.Seal(RecordKind.Data, "a"u8);
        var second = client.Seal(RecordKind.Data, "b"u8);
        server.Open(first);
        AssertRefusedAndClosed(ChannelError.Replayed, server, first, second);
    }

    [Fact]
    public void OlderSeqEndsTheChannel()
    {
        using var client = Client();
        using var server = Server();
        var records = Enumerable.Range(0, 4).Select(i => client.Seal(RecordKind.Data, [(byte)i])).ToArray();
        server.Open(records[0]);
        server.Open(records[2]);
        AssertRefusedAndClosed(ChannelError.Replayed, server, records[1], records[3]);
    }

    [Fact]
    public void GapInSeqIsAccepted()
    {
        using var client = Client();
        using var server = Server();
        var records = Enumerable.Range(0, 10).Select(i => client.Seal(RecordKind.Data, [(byte)i])).ToArray();
        Assert.Equal([3], server.Open(records[3]).Body);
        Assert.Equal([4], server.Open(records[4]).Body);
        Assert.Equal([9], server.Open(records[9]).Body);
        Assert.False(server.IsClosed);
    }

    [Fact]
    public void FirstRecordNeedNotBeSeqZero()
    {
        using var client = Client();
        using var server = Server();
        client.Seal(RecordKind.Data, "lost"u8);
        Assert.Equal("kept"u8.ToArray(), server.Open(client.Seal(RecordKind.Data, "kept"u8)).Body);
    }

    [Fact]
    public void RecordAtMaxMessageBytesIsAcceptedAndAboveIsRefused()
    {
        using var bigSender = Client(Ak1.DefaultMaxMessageBytes + 1);
        using var server = Server();
        // The bound is on the plaintext: kind byte plus body.
        Assert.Equal(Ak1.DefaultMaxMessageBytes - 1, server.MaxBodyBytes);
        var atLimit = bigSender.Seal(RecordKind.Data, new byte[Ak1.DefaultMaxMessageBytes - 1]);
        Assert.Equal(Ak1.DefaultMaxMessageBytes - 1, server.Open(atLimit).Body.Length);
        var overLimit = bigSender.Seal(RecordKind.Data, new byte[Ak1.DefaultMaxMessageBytes]);
        AssertRefusedAndClosed(ChannelError.TooLarge, server, overLimit, bigSender.Seal(RecordKind.Data, "x"u8));
    }

    [Fact]
    public void SealRefusesABodyAboveTheLimit()
    {
        using var client = Client(16);
        client.Seal(RecordKind.Data, new byte[15]);
        Assert.Throws<ArgumentException>(() => client.Seal(RecordKind.Data, new byte[16]));
    }

    [Fact]
    public void RecordOfAnotherSessionEndsTheChannel()
    {
        using var other = new SecureChannel(Bytes.Sequence(0x81, 16), ChannelRole.Client, KeyC2S, KeyS2C, ChainKey, Th);
        using var client = Client();
        using var server = Server();
        AssertRefusedAndClosed(ChannelError.WrongSession, server, other.Seal(RecordKind.Data, "x"u8), client.Seal(RecordKind.Data, "y"u8));
    }

    [Fact]
    public void ReflectedRecordIsRefused()
    {
        // A client record sent back to the client: right sid and seq, wrong direction and key.
        using var client = Client();
        using var server = Server();
        var own = client.Seal(RecordKind.Data, "x"u8);
        AssertRefusedAndClosed(ChannelError.AuthenticationFailed, client, own, server.Seal(RecordKind.Data, "y"u8));
    }

    [Fact]
    public void RecordUnderTheRightKeyButTheOtherDirectionIsRefused()
    {
        // Same key both ways would still be caught by dir in the associated data.
        using var client = new SecureChannel(Sid, ChannelRole.Client, KeyC2S, KeyC2S, ChainKey, Th);
        using var client2 = new SecureChannel(Sid, ChannelRole.Client, KeyC2S, KeyC2S, ChainKey, Th);
        using var server = new SecureChannel(Sid, ChannelRole.Server, KeyC2S, KeyC2S, ChainKey, Th);
        AssertRefusedAndClosed(ChannelError.AuthenticationFailed, client, client2.Seal(RecordKind.Data, "x"u8), server.Seal(RecordKind.Data, "y"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(255)]
    public void AuthenticRecordOfUnknownKindEndsTheChannel(byte kind)
    {
        using var client = Client();
        using var server = Server();
        var record = SealRaw(KeyC2S, 1, 0, [kind, 0x41]);
        AssertRefusedAndClosed(ChannelError.UnknownKind, server, record, client.Seal(RecordKind.Data, "y"u8));
    }

    [Fact]
    public void AuthenticRecordWithEmptyPlaintextEndsTheChannel()
    {
        using var client = Client();
        using var server = Server();
        AssertRefusedAndClosed(ChannelError.UnknownKind, server, SealRaw(KeyC2S, 1, 0, []), client.Seal(RecordKind.Data, "y"u8));
    }

    [Fact]
    public void TruncatedRecordEndsTheChannel()
    {
        using var client = Client();
        using var server = Server();
        var record = client.Seal(RecordKind.Data, "x"u8);
        AssertRefusedAndClosed(ChannelError.AuthenticationFailed, server, record with { Ciphertext = record.Ciphertext[..15] },
            client.Seal(RecordKind.Data, "y"u8));
    }

    [Fact]
    public void RecordsFollowTheSpecNonceAndAssociatedData()
    {
        using var server = Server();
        using var client = Client();
        server.Seal(RecordKind.Data, "skip"u8);
        var record = server.SealClose(CloseReason.Expired);
        Assert.Equal(1UL, record.Seq);
        Assert.Equal(0u, record.Generation);
        Assert.Equal(SealRaw(KeyS2C, 2, 1, [2, (byte)CloseReason.Expired]).Ciphertext, record.Ciphertext);
    }

    /// <summary>A record built by hand from the spec's nonce and ad, to feed the channel what its own Seal never makes.</summary>
    private static Sealed SealRaw(byte[] key, byte direction, ulong seq, byte[] plaintext, uint generation = 0)
    {
        var nonce = Bytes.Concat(Bytes.Le32(generation), Bytes.Le64(seq));
        var ad = Bytes.Concat("AK1"u8.ToArray(), Sid, [direction], Bytes.Le32(generation), Bytes.Le64(seq));
        return new Sealed(SessionId.From(Sid), generation, seq, Aead.Encrypt(key, nonce, ad, plaintext));
    }

    [Fact]
    public void A_sender_refuses_and_closes_at_the_sequence_limit()
    {
        using var client = Client();
        using var server = Server();
        client.SkipSendSequenceTo(SecureChannel.SeqLimit - 1);
        var last = client.Seal(RecordKind.Data, [1]);
        Assert.Equal(SecureChannel.SeqLimit - 1, last.Seq);
        Assert.Equal(RecordKind.Data, server.Open(last).Kind);

        var error = Assert.Throws<SecureChannelException>(() => client.Seal(RecordKind.Data, [2])).Error;

        Assert.Equal(ChannelError.SequenceExhausted, error);
        Assert.True(client.IsClosed);
    }

    [Fact]
    public void A_receiver_ends_the_session_on_a_record_at_the_sequence_limit()
    {
        using var client = Client();
        using var server = Server();
        client.SkipSendSequenceTo(SecureChannel.SeqLimit - 1);
        var genuine = client.Seal(RecordKind.Data, [1]);

        var error = Assert.Throws<SecureChannelException>(() => server.Open(genuine with { Seq = SecureChannel.SeqLimit })).Error;

        Assert.Equal(ChannelError.SequenceExhausted, error);
        Assert.True(server.IsClosed);
    }

    [Fact]
    public void Text_is_sealed_and_opened_as_UTF8_and_text_too_large_is_not_sealed()
    {
        using var client = Client(max: 2000);
        using var server = Server(max: 2000);
        var text = "olá " + new string('x', 1500); // above the stack buffer: the pooled path

        Assert.Equal(new OpenedText(RecordKind.Data, text), server.OpenText(client.SealText(text)!));
        Assert.Equal(new OpenedText(RecordKind.Data, "ola"), server.OpenText(client.SealText("ola")!));
        Assert.Null(client.SealText(new string('é', 1000))); // 2,000 UTF-8 bytes: one more than the body may hold
    }
}
