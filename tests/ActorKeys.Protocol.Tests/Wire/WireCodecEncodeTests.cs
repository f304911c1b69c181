using ActorKeys.Protocol.Wire;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>Encode refuses exactly the records the decoder would refuse, with <see cref="ArgumentException"/>.</summary>
public class WireCodecEncodeTests
{
    private sealed record NotAnAk1Message : IAk1Message;

    public static TheoryData<string, IAk1Message> BadRecords()
    {
        var random = new Random(47);
        var hello = RandomMessages.Hello(random);
        var challenge = (Challenge)RandomMessages.Of(1, random);
        var finish = (Finish)RandomMessages.Of(2, random);
        var sealedRecord = RandomMessages.Sealed(random);
        return new TheoryData<string, IAk1Message>
        {
            { "empty id", hello with { ClientId = "" } },
            { "65-byte id", hello with { ClientId = new string('a', 65) } },
            { "33 two-byte chars", hello with { ClientId = new string('\u00e9', 33) } },
            { "lone surrogate", hello with { ClientId = "a\ud800b" } },
            { "null id", hello with { ClientId = null! } },
            { "version 1", hello with { Version = 1 } },
            { "version 3", hello with { Version = 3 } },
            { "empty server", hello with { Server = "" } },
            { "256-byte server", hello with { Server = new string('s', 256) } },
            { "128 two-byte chars of server", hello with { Server = new string('\u00e9', 128) } },
            { "server lone surrogate", hello with { Server = "akka.tcp://a\udc00@h:1" } },
            { "null server", hello with { Server = null! } },
            { "reason 0", new Rejected(0) },
            { "reason 7 (revoked) in the version-1 layout", new Rejected(RejectReason.Revoked) },
            { "reason 8", new Rejected((RejectReason)8) },
            { "Rejected2 reason 0", new Rejected2(0, Nonce.From(new byte[32]), RevocationProof.None) },
            { "Rejected2 reason 8", new Rejected2((RejectReason)8, Nonce.From(new byte[32]), RevocationProof.None) },
            { "Rejected2 busy with a proof", new Rejected2(RejectReason.Busy, Nonce.From(new byte[32]), RevocationProof.From(Bytes.Sequence(1, 16))) },
            { "ciphertext 16", sealedRecord with { Ciphertext = new byte[Ak1.AeadTagBytes] } },
            { "ciphertext null", sealedRecord with { Ciphertext = null! } },
            { "foreign type", new NotAnAk1Message() },
        };
    }

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void A_record_with_wrong_fields_is_an_ArgumentException(string because, IAk1Message message)
    {
        Assert.NotEmpty(because);
        Assert.ThrowsAny<ArgumentException>(() => WireCodec.Encode(message));
        Assert.ThrowsAny<ArgumentException>(() => WireEncoder.Length(message));
    }

    [Fact]
    public void A_null_message_is_an_ArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => WireCodec.Encode(null!));

    [Fact]
    public void The_lone_surrogate_message_does_not_echo_the_text()
    {
        var hello = RandomMessages.Hello(new Random(53), "\ud800private");
        var thrown = Assert.ThrowsAny<ArgumentException>(() => WireCodec.Encode(hello));
        Assert.DoesNotContain("private", thrown.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Limits_outside_the_usable_range_are_refused(int maxMessageBytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WireLimits(maxMessageBytes));
        Assert.Throws<ArgumentOutOfRangeException>(() => WireLimits.Default with { MaxMessageBytes = maxMessageBytes });
    }

    [Fact]
    public void Default_limits_are_the_spec_default()
    {
        Assert.Equal(Ak1.DefaultMaxMessageBytes, WireLimits.Default.MaxMessageBytes);
        Assert.Equal(WireLimits.Default, new WireLimits());
        Assert.Equal(1, new WireLimits(1).MaxMessageBytes);
    }
}
