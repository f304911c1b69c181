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
    [InlineData(5)]
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
    public void Every_reject_reason_round_trips_in_the_layout_that_may_carry_it()
    {
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            if (reason != RejectReason.Revoked)
            {
                MessageAssert.Equal(new Rejected(reason), WireCodec.Decode(WireCodec.Encode(new Rejected(reason))));
            }
            var proof = reason == RejectReason.Revoked ? RevocationProof.From(new byte[16] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 })
                : RevocationProof.None;
            var rejected2 = new Rejected2(reason, Nonce.From(new byte[32]), proof);
            MessageAssert.Equal(rejected2, WireCodec.Decode(WireCodec.Encode(rejected2)));
        }
        // A revoked rejection whose proof happens to be zero is still one encoding: it decodes (the client then finds the proof wrong).
        var zeroProof = new Rejected2(RejectReason.Revoked, Nonce.From(new byte[32]), RevocationProof.None);
        MessageAssert.Equal(zeroProof, WireCodec.Decode(WireCodec.Encode(zeroProof)));
    }

    [Fact]
    public void Only_version_2_Hellos_are_encoded_and_every_other_version_byte_decodes_to_UnsupportedVersion()
    {
        var random = new Random(7);
        for (var version = 0; version <= byte.MaxValue; version++)
        {
            var hello = RandomMessages.Hello(random) with { Version = (byte)version };
            if (version == Ak1.Version)
            {
                MessageAssert.Equal(hello, WireCodec.Decode(WireCodec.Encode(hello)));
                continue;
            }
            Assert.Throws<ArgumentException>(() => WireCodec.Encode(hello));
            // The same frame with its version byte changed: refused as another version, whatever follows it.
            var frame = WireCodec.Encode(hello with { Version = Ak1.Version });
            frame[1] = (byte)version;
            Assert.Equal(WireDecodeError.UnsupportedVersion, DecodeProperties.Check(frame));
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
            var hello = RandomMessages.Hello(random, id, "s");
            var bytes = WireCodec.Encode(hello);
            Assert.Equal(122 + 64 + 1, bytes.Length);
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

    [Fact]
    public void Sealed_with_extreme_generation_values_round_trips()
    {
        var random = new Random(19);
        foreach (var generation in new[] { 0u, 1u, 0x80000000u, uint.MaxValue })
        {
            var record = RandomMessages.Sealed(random) with { Generation = generation };
            MessageAssert.Equal(record, WireCodec.Decode(WireCodec.Encode(record)));
        }
    }

    [Fact]
    public void Server_addresses_of_1_and_255_bytes_round_trip_in_ascii_and_in_multibyte_text()
    {
        var random = new Random(21);
        foreach (var server in new[] { "s", new string('x', 255), string.Concat(Enumerable.Repeat("\u00e9", 127)) + "x", "akka.tcp://actorkeys-server@[::1]:4053" })
        {
            var hello = RandomMessages.Hello(random, "abc", server);
            var bytes = WireCodec.Encode(hello);
            Assert.Equal(122 + 3 + System.Text.Encoding.UTF8.GetByteCount(server), bytes.Length);
            MessageAssert.Equal(hello, WireCodec.Decode(bytes));
        }
    }
}
