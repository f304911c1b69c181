using System.Buffers.Binary;
using ActorKeys.Protocol.Wire;

namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>One made-to-measure input per error kind, checked through both Decode and TryDecode.</summary>
public class WireCodecErrorTests
{
    private const int CiphertextLengthOffset = 29;
    private const int ClientIdLengthOffset = 2;

    private static void AssertError(WireDecodeError expected, byte[] input, WireLimits? limits = null)
    {
        Assert.Equal(expected, DecodeProperties.Check(input, limits));
        var thrown = Assert.Throws<WireDecodeException>(() => WireCodec.Decode(input, limits));
        Assert.Equal(expected, thrown.Error);
    }

    [Fact]
    public void Empty_input_is_Empty()
    {
        AssertError(WireDecodeError.Empty, []);
        Assert.False(WireCodec.TryDecode(ReadOnlySpan<byte>.Empty, out var message, out var error));
        Assert.Null(message);
        Assert.Equal(WireDecodeError.Empty, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(0x7F)]
    [InlineData(0xFF)]
    public void An_unknown_tag_is_UnknownType_whatever_follows(byte tag)
    {
        AssertError(WireDecodeError.UnknownType, [tag]);
        var valid = WireCodec.Encode(new Finish(SessionId.From(new byte[16]), Mac.From(new byte[32])));
        valid[0] = tag;
        AssertError(WireDecodeError.UnknownType, valid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_message_cut_at_every_length_is_Truncated(int type)
    {
        var random = new Random(2000 + type);
        for (var instance = 0; instance < 5; instance++)
        {
            var full = WireCodec.Encode(RandomMessages.Of(type, random));
            // Length 0 is the empty input, which has its own error.
            AssertError(WireDecodeError.Empty, full[..0]);
            for (var length = 1; length < full.Length; length++)
            {
                AssertError(WireDecodeError.Truncated, full[..length]);
            }
        }
    }

    [Fact]
    public void A_largest_sealed_record_cut_at_every_length_is_Truncated()
    {
        var full = WireCodec.Encode(RandomMessages.Sealed(new Random(23), Ak1.DefaultMaxMessageBytes + Ak1.AeadTagBytes));
        for (var length = 1; length < full.Length; length++)
        {
            Assert.False(WireCodec.TryDecode(full.AsSpan(0, length), out _, out var error));
            Assert.Equal(WireDecodeError.Truncated, error);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_byte_after_a_complete_message_is_TrailingBytes(int type)
    {
        var random = new Random(3000 + type);
        var full = WireCodec.Encode(RandomMessages.Of(type, random));
        foreach (var extra in new byte[] { 0, 1, 0xFF })
        {
            AssertError(WireDecodeError.TrailingBytes, [.. full, extra]);
        }
        AssertError(WireDecodeError.TrailingBytes, [.. full, .. full]);
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x80000000u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData((uint)(Ak1.DefaultMaxMessageBytes + Ak1.AeadTagBytes + 1))]
    public void A_sealed_length_above_the_limit_is_Oversized_without_reading_further(uint declared)
    {
        // Only the header is present: the length alone must decide, before any read or allocation.
        var header = SealedHeader(declared);
        AssertError(WireDecodeError.Oversized, header);
        AssertError(WireDecodeError.Oversized, [.. header, .. new byte[64]]);
    }

    [Fact]
    public void The_limit_is_max_message_bytes_plus_the_aead_tag_and_follows_WireLimits()
    {
        var limits = new WireLimits(100);
        var random = new Random(29);
        var atLimit = WireCodec.Encode(RandomMessages.Sealed(random, 100 + Ak1.AeadTagBytes));
        Assert.Null(DecodeProperties.Check(atLimit, limits));

        var overLimit = WireCodec.Encode(RandomMessages.Sealed(random, 100 + Ak1.AeadTagBytes + 1));
        AssertError(WireDecodeError.Oversized, overLimit, limits);
        Assert.Null(DecodeProperties.Check(overLimit)); // fine under the default limit
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData((uint)Ak1.AeadTagBytes)]
    public void A_sealed_ciphertext_too_short_for_tag_and_kind_is_InvalidField(uint declared)
    {
        AssertError(WireDecodeError.InvalidField, [.. SealedHeader(declared), .. new byte[declared]]);
        AssertError(WireDecodeError.InvalidField, SealedHeader(declared));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    [InlineData(0xFFFF)]
    public void A_client_id_length_outside_1_to_64_is_InvalidField(int idLength)
    {
        var hello = WireCodec.Encode(RandomMessages.Hello(new Random(31), "abc"));
        BinaryPrimitives.WriteUInt16LittleEndian(hello.AsSpan(ClientIdLengthOffset), (ushort)idLength);
        AssertError(WireDecodeError.InvalidField, hello);

        // With exactly enough bytes for the declared id too: the length itself is what is refused.
        var bytes = new byte[122 + 1 + idLength];
        bytes[0] = 1;
        bytes[1] = Ak1.Version;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(ClientIdLengthOffset), (ushort)idLength);
        bytes.AsSpan(4, idLength).Fill((byte)'a');
        AssertError(WireDecodeError.InvalidField, bytes);
    }

    [Theory]
    [InlineData(new byte[] { 0x80 })] // lone continuation byte
    [InlineData(new byte[] { 0xFF })] // never valid
    [InlineData(new byte[] { 0xC0, 0x80 })] // overlong NUL
    [InlineData(new byte[] { 0xE0, 0x80, 0x80 })] // overlong
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // UTF-16 surrogate D800
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 })] // sequence cut short inside the id
    public void A_client_id_that_is_not_strict_utf8_is_InvalidField(byte[] id)
    {
        var valid = WireCodec.Encode(RandomMessages.Hello(new Random(37), new string('a', id.Length)));
        id.CopyTo(valid.AsSpan(4));
        AssertError(WireDecodeError.InvalidField, valid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(0xFF)]
    public void An_undefined_reject_reason_is_InvalidField(byte reason) => AssertError(WireDecodeError.InvalidField, [4, reason]);

    [Fact]
    public void Error_messages_name_the_field_and_never_echo_the_input()
    {
        var hello = WireCodec.Encode(RandomMessages.Hello(new Random(41), "secretish"));
        var thrown = Assert.Throws<WireDecodeException>(() => WireCodec.Decode(hello[..20]));
        Assert.Contains("Hello.KeyId", thrown.Message);
        Assert.DoesNotContain("secretish", thrown.Message);

        var oversized = Assert.Throws<WireDecodeException>(() => WireCodec.Decode(SealedHeader(0xFFFFFFFF)));
        Assert.Contains("Sealed.Ciphertext length", oversized.Message);
        Assert.DoesNotContain("4294967295", oversized.Message);
        Assert.DoesNotContain("FFFFFFFF", oversized.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] SealedHeader(uint declaredLength)
    {
        var header = new byte[WireCodec.MaxFrameOverhead];
        header[0] = 5;
        new Random(43).NextBytes(header.AsSpan(1, CiphertextLengthOffset - 1));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(CiphertextLengthOffset), declaredLength);
        return header;
    }
}
