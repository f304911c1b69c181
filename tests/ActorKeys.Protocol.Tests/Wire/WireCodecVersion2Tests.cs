using System.Buffers.Binary;
using ActorKeys.Protocol.Wire;

namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>
/// The decode rules version 2 adds: a Hello of another version is read up to its version byte only, a Rejected2 has one
/// encoding, the server address has its own bounds, and the version-1 Rejected cannot carry revoked.
/// </summary>
public class WireCodecVersion2Tests
{
    private static void AssertError(WireDecodeError expected, byte[] input)
    {
        Assert.Equal(expected, DecodeProperties.Check(input));
        Assert.Equal(expected, Assert.Throws<WireDecodeException>(() => WireCodec.Decode(input)).Error);
    }

    /// <summary>A whole version-1 Hello frame: tag 1, version 1, id, epoch, keyId, t, n_c, E_c, binder (no server).</summary>
    private static byte[] Version1HelloFrame()
    {
        var random = new Random(61);
        var frame = new List<byte> { 1, 1, 3, 0 };
        frame.AddRange("abc"u8.ToArray());
        frame.AddRange(RandomMessages.Bytes(random, 4 + 8 + 8 + 32 + 32 + 32));
        return [.. frame];
    }

    [Fact]
    public void A_version_1_hello_frame_is_UnsupportedVersion()
    {
        var frame = Version1HelloFrame();
        Assert.Equal(120 + 3, frame.Length);
        AssertError(WireDecodeError.UnsupportedVersion, frame);
        // Nothing after the version byte is read: cut short or padded, it is still the version that decides.
        AssertError(WireDecodeError.UnsupportedVersion, frame[..2]);
        AssertError(WireDecodeError.UnsupportedVersion, [.. frame, 0, 0]);
        AssertError(WireDecodeError.Truncated, frame[..1]);
    }

    [Fact]
    public void Every_version_byte_but_2_is_UnsupportedVersion_whatever_follows()
    {
        var random = new Random(67);
        var genuine = WireCodec.Encode(RandomMessages.Hello(random));
        for (var version = 0; version <= byte.MaxValue; version++)
        {
            if (version == Ak1.Version)
            {
                Assert.Null(DecodeProperties.Check(genuine));
                continue;
            }
            var frame = genuine.ToArray();
            frame[1] = (byte)version;
            AssertError(WireDecodeError.UnsupportedVersion, frame);
            AssertError(WireDecodeError.UnsupportedVersion, [1, (byte)version, .. RandomMessages.Bytes(random, random.Next(0, 40))]);
        }
    }

    [Theory]
    [InlineData(RejectReason.UnsupportedVersion)]
    [InlineData(RejectReason.WrongServer)]
    [InlineData(RejectReason.AuthenticationFailed)]
    [InlineData(RejectReason.StaleOrReplayed)]
    [InlineData(RejectReason.Busy)]
    [InlineData(RejectReason.ProtocolViolation)]
    public void A_rejected2_with_a_proof_for_a_reason_other_than_revoked_is_InvalidField(RejectReason reason)
    {
        var valid = WireCodec.Encode(new Rejected2(reason, Nonce.From(new byte[32]), RevocationProof.None));
        Assert.Null(DecodeProperties.Check(valid));
        for (var at = 34; at < 50; at++)
        {
            var withProof = valid.ToArray();
            withProof[at] = 1;
            AssertError(WireDecodeError.InvalidField, withProof);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(0xFF)]
    public void A_rejected2_with_an_undefined_reason_is_InvalidField(byte reason) =>
        AssertError(WireDecodeError.InvalidField, [6, reason, .. new byte[48]]);

    [Fact]
    public void The_version_1_rejected_cannot_carry_revoked_and_rejected2_can()
    {
        AssertError(WireDecodeError.InvalidField, [4, (byte)RejectReason.Revoked]);
        Assert.Null(DecodeProperties.Check([6, (byte)RejectReason.Revoked, .. new byte[32], .. Enumerable.Repeat((byte)0xAB, 16)]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(0xFFFF)]
    public void A_server_address_length_outside_1_to_255_is_InvalidField(int length)
    {
        // With exactly enough bytes for the declared address too: the length itself is what is refused.
        var id = "abc"u8.ToArray();
        var frame = new List<byte> { 1, Ak1.Version, 3, 0 };
        frame.AddRange(id);
        frame.AddRange(new byte[4 + 8]);
        frame.AddRange(new byte[] { (byte)length, (byte)(length >> 8) });
        frame.AddRange(Enumerable.Repeat((byte)'s', length));
        frame.AddRange(new byte[8 + 32 + 32 + 32]);
        AssertError(WireDecodeError.InvalidField, [.. frame]);
    }

    [Fact]
    public void Server_addresses_of_1_and_255_bytes_decode()
    {
        var random = new Random(71);
        foreach (var server in new[] { "s", new string('s', 255) })
        {
            Assert.Null(DecodeProperties.Check(WireCodec.Encode(RandomMessages.Hello(random, "abc", server))));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 })]
    public void A_server_address_that_is_not_strict_utf8_is_InvalidField(byte[] address)
    {
        var frame = WireCodec.Encode(RandomMessages.Hello(new Random(73), "abc", new string('a', address.Length)));
        const int serverAt = 4 + 3 + 4 + 8 + 2;
        Assert.Equal(address.Length, BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(serverAt - 2)));
        address.CopyTo(frame.AsSpan(serverAt));
        AssertError(WireDecodeError.InvalidField, frame);
    }

    [Fact]
    public void A_hello_names_its_server_field_in_errors()
    {
        var frame = WireCodec.Encode(RandomMessages.Hello(new Random(79), "abc", "akka.tcp://x@h:1"));
        var thrown = Assert.Throws<WireDecodeException>(() => WireCodec.Decode(frame[..30]));
        Assert.Contains("Hello.Server", thrown.Message);
        Assert.DoesNotContain("akka.tcp", thrown.Message);
    }
}
