using ActorKeys.Protocol.Wire;

namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>Hand-computed bytes, so the layout table in WireCodec.cs is checked against the code, not the code against itself.</summary>
public class WireCodecLayoutTests
{
    private static byte[] Filled(int count, byte value) => Enumerable.Repeat(value, count).ToArray();

    private static readonly Hello KnownHello = new(
        Version: 2,
        ClientId: "al\u00e9", // 'a' 'l' then é = C3 A9: 4 UTF-8 bytes from 3 characters
        Epoch: 0x01020304,
        KeyId: KeyId.From([0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7]),
        Server: "akka.tcp://s@h:1", // 16 bytes
        TimeMs: 0x1122334455667788,
        ClientNonce: Nonce.From(Filled(32, 0xB1)),
        ClientEphemeral: PublicKey.From(Filled(32, 0xC2)),
        Binder: Mac.From(Filled(32, 0xD3)));

    [Fact]
    public void A_known_hello_has_the_documented_length_and_layout()
    {
        var bytes = WireCodec.Encode(KnownHello);

        Assert.Equal(142, bytes.Length); // 122 + 4 id bytes + 16 server bytes
        Assert.Equal(142, WireEncoder.Length(KnownHello));
        Assert.Equal(new byte[] { 0x01, 0x02, 0x04, 0x00, 0x61, 0x6C, 0xC3, 0xA9 }, bytes[0..8]); // tag, version 2, u16 LE 4, "alé"
        Assert.Equal(new byte[] { 0x04, 0x03, 0x02, 0x01 }, bytes[8..12]); // epoch LE at 4+n
        Assert.Equal(KnownHello.KeyId.Span, bytes[12..20]); // keyId at 8+n
        Assert.Equal(new byte[] { 0x10, 0x00 }, bytes[20..22]); // server length u16 LE at 16+n
        Assert.Equal("akka.tcp://s@h:1"u8.ToArray(), bytes[22..38]); // server at 18+n
        Assert.Equal(new byte[] { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 }, bytes[38..46]); // time LE at 18+n+m
        Assert.Equal(Filled(32, 0xB1), bytes[46..78]); // nonce at 26+n+m
        Assert.Equal(Filled(32, 0xC2), bytes[78..110]); // ephemeral at 58+n+m
        Assert.Equal(Filled(32, 0xD3), bytes[110..142]); // binder at 90+n+m
    }

    [Fact]
    public void A_hello_on_the_wire_is_its_tag_then_the_hello_body_without_the_magic_then_the_binder()
    {
        var bytes = WireCodec.Encode(KnownHello);
        var body = ActorKeys.Protocol.Handshake.Transcript.HelloBody(KnownHello);
        Assert.Equal("AK1"u8.ToArray(), body[..3]);
        Assert.Equal([0x01, .. body[3..], .. KnownHello.Binder.ToArray()], bytes);
    }

    [Fact]
    public void A_rejected2_is_tag_6_reason_client_nonce_and_proof()
    {
        var proof = Enumerable.Range(0, 16).Select(i => (byte)(0xE0 + i)).ToArray();
        var bytes = WireCodec.Encode(new Rejected2(RejectReason.Revoked, Nonce.From(Filled(32, 0x4C)), RevocationProof.From(proof)));
        Assert.Equal(50, bytes.Length);
        Assert.Equal(new byte[] { 6, 7 }, bytes[0..2]);
        Assert.Equal(Filled(32, 0x4C), bytes[2..34]);
        Assert.Equal(proof, bytes[34..50]);

        var busy = WireCodec.Encode(new Rejected2(RejectReason.Busy, Nonce.From(Filled(32, 0x4C)), RevocationProof.None));
        Assert.Equal([6, 5, .. Filled(32, 0x4C), .. new byte[16]], busy);
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
    public void A_sealed_record_puts_generation_seq_and_the_ciphertext_length_little_endian_after_the_session_id()
    {
        var sid = Filled(16, 0x5A);
        var ciphertext = Enumerable.Range(0, 20).Select(i => (byte)i).ToArray();
        var bytes = WireCodec.Encode(new Sealed(SessionId.From(sid), 0x0A0B0C0D, 0x0102030405060708, ciphertext));

        Assert.Equal(33, WireCodec.MaxFrameOverhead);
        Assert.Equal(33 + 20, bytes.Length);
        Assert.Equal(5, bytes[0]);
        Assert.Equal(sid, bytes[1..17]);
        Assert.Equal(new byte[] { 0x0D, 0x0C, 0x0B, 0x0A }, bytes[17..21]); // generation u32 LE
        Assert.Equal(new byte[] { 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 }, bytes[21..29]);
        Assert.Equal(new byte[] { 20, 0, 0, 0 }, bytes[29..33]);
        Assert.Equal(ciphertext, bytes[33..]);
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
