using ActorKeys.Protocol.Wire;

namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>Hand-computed bytes, so the layout table in WireCodec.cs is checked against the code, not the code against itself.</summary>
public class WireCodecLayoutTests
{
    private static byte[] Filled(int count, byte value) => Enumerable.Repeat(value, count).ToArray();

    private static readonly Hello KnownHello = new(
        Version: 1,
        ClientId: "al\u00e9", // 'a' 'l' then é = C3 A9: 4 UTF-8 bytes from 3 characters
        Epoch: 0x01020304,
        KeyId: KeyId.From([0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7]),
        TimeMs: 0x1122334455667788,
        ClientNonce: Nonce.From(Filled(32, 0xB1)),
        ClientEphemeral: PublicKey.From(Filled(32, 0xC2)),
        Binder: Mac.From(Filled(32, 0xD3)));

    [Fact]
    public void A_known_hello_has_the_documented_length_and_layout()
    {
        var bytes = WireCodec.Encode(KnownHello);

        Assert.Equal(124, bytes.Length); // 120 + 4 id bytes
        Assert.Equal(124, WireEncoder.Length(KnownHello));
        Assert.Equal(new byte[] { 0x01, 0x01, 0x04, 0x00, 0x61, 0x6C, 0xC3, 0xA9 }, bytes[0..8]); // tag, version, u16 LE 4, "alé"
        Assert.Equal(new byte[] { 0x04, 0x03, 0x02, 0x01 }, bytes[8..12]); // epoch LE at 4+n
        Assert.Equal(KnownHello.KeyId.Span, bytes[12..20]); // keyId at 8+n
        Assert.Equal(new byte[] { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 }, bytes[20..28]); // time LE at 16+n
        Assert.Equal(Filled(32, 0xB1), bytes[28..60]); // nonce at 24+n
        Assert.Equal(Filled(32, 0xC2), bytes[60..92]); // ephemeral at 56+n
        Assert.Equal(Filled(32, 0xD3), bytes[92..124]); // binder at 88+n
    }

    [Fact]
    public void Fixed_size_messages_have_the_documented_lengths_and_tags()
    {
        var random = new Random(17);
        Assert.Equal(new byte[] { 4, 5 }, WireCodec.Encode(new Rejected(RejectReason.Busy)));

        var challenge = WireCodec.Encode(RandomMessages.Of(1, random));
        Assert.Equal(113, challenge.Length);
        Assert.Equal(2, challenge[0]);

        var finish = WireCodec.Encode(RandomMessages.Of(2, random));
        Assert.Equal(49, finish.Length);
        Assert.Equal(3, finish[0]);
    }

    [Fact]
    public void A_sealed_record_puts_seq_and_the_ciphertext_length_little_endian_after_the_session_id()
    {
        var sid = Filled(16, 0x5A);
        var ciphertext = Enumerable.Range(0, 20).Select(i => (byte)i).ToArray();
        var bytes = WireCodec.Encode(new Sealed(SessionId.From(sid), 0x0102030405060708, ciphertext));

        Assert.Equal(29, WireCodec.MaxFrameOverhead);
        Assert.Equal(29 + 20, bytes.Length);
        Assert.Equal(5, bytes[0]);
        Assert.Equal(sid, bytes[1..17]);
        Assert.Equal(new byte[] { 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 }, bytes[17..25]);
        Assert.Equal(new byte[] { 20, 0, 0, 0 }, bytes[25..29]);
        Assert.Equal(ciphertext, bytes[29..]);
    }

    [Fact]
    public void Decoded_messages_own_their_bytes_rather_than_aliasing_the_input()
    {
        var bytes = WireCodec.Encode(KnownHello);
        var decoded = (Hello)WireCodec.Decode(bytes);
        Array.Clear(bytes);
        MessageAssert.Equal(KnownHello, decoded);
    }
}
