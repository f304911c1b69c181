using ActorKeys.Protocol.Wire;

namespace ActorKeys.Protocol.Tests.Wire;

public class WireCodecRoundTripTests
{
    private const int InstancesPerType = 200;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_message_type_round_trips_with_random_contents(int type)
    {
        var random = new Random(1000 + type);
        for (var i = 0; i < InstancesPerType; i++)
        {
            var message = RandomMessages.Of(type, random);
            var bytes = WireCodec.Encode(message);

            Assert.Equal(bytes.Length, WireEncoder.Length(message));
            MessageAssert.Equal(message, WireCodec.Decode(bytes));
            Assert.True(WireCodec.TryDecode(bytes, out var tried, out _));
            MessageAssert.Equal(message, tried);
        }
    }

    [Fact]
    public void Every_reject_reason_and_every_version_byte_round_trip()
    {
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            MessageAssert.Equal(new Rejected(reason), WireCodec.Decode(WireCodec.Encode(new Rejected(reason))));
        }
        var random = new Random(7);
        for (var version = 0; version <= byte.MaxValue; version++)
        {
            // Any version decodes: refusing it is the server's job, with unsupported-version.
            var hello = RandomMessages.Hello(random) with { Version = (byte)version };
            MessageAssert.Equal(hello, WireCodec.Decode(WireCodec.Encode(hello)));
        }
    }

    [Theory]
    [InlineData("a")]
    [InlineData("../../etc/passwd")]
    [InlineData(".hidden")]
    [InlineData("with space")]
    [InlineData("\u00e9l\u00e8ve")]
    [InlineData("\0")]
    [InlineData("\ufeffbom")]
    [InlineData("\U0001F511key")]
    public void Client_ids_that_break_the_id_rules_still_decode_so_the_server_can_answer_protocol_violation(string id)
    {
        var hello = RandomMessages.Hello(new Random(3), id);
        MessageAssert.Equal(hello, WireCodec.Decode(WireCodec.Encode(hello)));
    }

    [Fact]
    public void Ids_of_exactly_64_bytes_round_trip_in_ascii_and_in_multibyte_text()
    {
        var random = new Random(5);
        foreach (var id in new[] { new string('x', 64), string.Concat(Enumerable.Repeat("\U0001F511", 16)), string.Concat(Enumerable.Repeat("\u00e9", 32)) })
        {
            var hello = RandomMessages.Hello(random, id);
            var bytes = WireCodec.Encode(hello);
            Assert.Equal(120 + 64, bytes.Length);
            MessageAssert.Equal(hello, WireCodec.Decode(bytes));
        }
    }

    [Fact]
    public void Sealed_at_the_smallest_and_largest_ciphertext_round_trips()
    {
        var random = new Random(11);
        var limits = WireLimits.Default;
        foreach (var size in new[] { Ak1.AeadTagBytes + 1, limits.MaxMessageBytes + Ak1.AeadTagBytes })
        {
            var record = RandomMessages.Sealed(random, size);
            var bytes = WireCodec.Encode(record);
            Assert.Equal(WireCodec.MaxFrameOverhead + size, bytes.Length);
            MessageAssert.Equal(record, WireCodec.Decode(bytes, limits));
        }
    }

    [Fact]
    public void Sealed_with_extreme_seq_values_round_trips()
    {
        var random = new Random(13);
        foreach (var seq in new[] { 0UL, 1UL, uint.MaxValue, ulong.MaxValue })
        {
            var record = RandomMessages.Sealed(random) with { Seq = seq };
            MessageAssert.Equal(record, WireCodec.Decode(WireCodec.Encode(record)));
        }
    }
}
