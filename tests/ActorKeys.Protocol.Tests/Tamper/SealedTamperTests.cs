using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Tamper;

/// <summary>
/// Every single-bit change of a Sealed record's sid, generation, seq and ct makes Open fail and leaves the channel closed
/// (fail closed): the genuine record offered next is refused as Closed.
/// </summary>
public class SealedTamperTests
{
    private static readonly byte[] Sid = Bytes.Sequence(0x80, 16);
    private static readonly byte[] KeyC2S = Bytes.Sequence(0x10, 32);
    private static readonly byte[] KeyS2C = Bytes.Sequence(0x30, 32);
    private static readonly byte[] ChainKey = Bytes.Sequence(0x50, 32);
    private static readonly byte[] Th = Bytes.Sequence(0x70, 32);

    /// <summary>The client's records 0..5 ("rec 0".."rec 5"); the same keys give the same records every time.</summary>
    private static Sealed[] ClientRecords()
    {
        using var client = new SecureChannel(Sid, ChannelRole.Client, KeyC2S, KeyS2C, ChainKey, Th);
        return Enumerable.Range(0, 6).Select(i => client.Seal(RecordKind.Data, System.Text.Encoding.UTF8.GetBytes($"rec {i}"))).ToArray();
    }

    private static SecureChannel NewServer() => new(Sid, ChannelRole.Server, KeyC2S, KeyS2C, ChainKey, Th);

    private static void AssertFailsAndCloses(SecureChannel server, Sealed tampered, Sealed genuine, string what, params ChannelError[] allowed)
    {
        var error = Assert.Throws<SecureChannelException>(() => server.Open(tampered)).Error;
        Assert.True(allowed.Contains(error), $"{what}: {error}");
        Assert.True(server.IsClosed, $"{what}: still open");
        Assert.Equal(ChannelError.Closed, Assert.Throws<SecureChannelException>(() => server.Open(genuine)).Error);
    }

    [Fact]
    public void ControlGenuineRecordsOpen()
    {
        using var server = NewServer();
        Assert.All(ClientRecords(), r => Assert.Equal(RecordKind.Data, server.Open(r).Kind));
    }

    [Fact]
    public void EveryBitOfSessionId()
    {
        var record = ClientRecords()[0];
        foreach (var (flipped, what) in Bytes.EveryBitFlip(record.SessionId.ToArray()))
        {
            using var server = NewServer();
            AssertFailsAndCloses(server, record with { SessionId = SessionId.From(flipped) }, record, $"sid {what}", ChannelError.WrongSession);
        }
    }

    [Fact]
    public void EveryBitOfCiphertextAndTag()
    {
        var record = ClientRecords()[0];
        Assert.Equal(1 + 5 + 16, record.Ciphertext.Length);
        foreach (var (flipped, what) in Bytes.EveryBitFlip(record.Ciphertext))
        {
            using var server = NewServer();
            AssertFailsAndCloses(server, record with { Ciphertext = flipped }, record, $"ct {what}", ChannelError.AuthenticationFailed);
        }
    }

    [Fact]
    public void EveryBitOfGeneration()
    {
        var record = ClientRecords()[0];
        for (var bit = 0; bit < 32; bit++)
        {
            using var server = NewServer();
            // A fresh server accepts generation 0 only: any other is refused before the tag is checked.
            AssertFailsAndCloses(server, record with { Generation = record.Generation ^ (1u << bit) }, record, $"generation bit {bit}",
                ChannelError.WrongGeneration);
        }
    }

    [Fact]
    public void EveryBitOfSeqOnTheFirstRecord()
    {
        var record = ClientRecords()[0];
        for (var bit = 0; bit < 64; bit++)
        {
            using var server = NewServer();
            // seq is in the nonce and the associated data, so a changed seq no longer authenticates.
            // seq at or above 2^60 is refused before the tag is checked.
            var seq = record.Seq ^ (1UL << bit);
            AssertFailsAndCloses(server, record with { Seq = seq }, record, $"seq bit {bit}",
                seq >= SecureChannel.SeqLimit ? ChannelError.SequenceExhausted : ChannelError.AuthenticationFailed);
        }
    }

    [Fact]
    public void EveryBitOfSeqAfterEarlierRecords()
    {
        var records = ClientRecords();
        var record = records[5];
        for (var bit = 0; bit < 64; bit++)
        {
            using var server = NewServer();
            server.Open(records[4]);
            var seq = record.Seq ^ (1UL << bit);
            var expected = seq <= 4 ? ChannelError.Replayed
                : seq >= SecureChannel.SeqLimit ? ChannelError.SequenceExhausted : ChannelError.AuthenticationFailed;
            AssertFailsAndCloses(server, record with { Seq = seq }, record, $"seq bit {bit}", expected);
        }
    }
}
