using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Crypto;

/// <summary>
/// The primitives call libsodium with spans, where they lie (the vectors check their bytes): a span in the middle of a
/// larger array gives what a copy of it gives, the inputs are left as they were, and every wrong length is refused
/// before the native call.
/// </summary>
public sealed class SpanPrimitivesTests
{
    private static readonly byte[] Key = Bytes.Sequence(0x10, 32);
    private static readonly byte[] Input = Bytes.Sequence(0x70, 45);

    [Fact]
    public void A_kdf_of_spans_inside_larger_arrays_equals_the_kdf_of_their_copies_and_leaves_them_unchanged()
    {
        var around = Bytes.Concat(Bytes.Sequence(0xee, 7), Key, Input, Bytes.Sequence(0xdd, 5));
        var before = around.ToArray();

        var fromSpans = Primitives.Kdf(around.AsSpan(7, 32), "AK1 hello", around.AsSpan(39, Input.Length));

        Assert.Equal(Primitives.Kdf(Key, "AK1 hello", Input), fromSpans);
        Assert.Equal(before, around);
        Assert.NotEqual(Primitives.Kdf(Key, "AK1 hello", Input[..^1]), fromSpans);
        Assert.NotEqual(Primitives.Hash("AK1 hello", Input), fromSpans);
    }

    /// <summary>
    /// The span calls against Sodium.Core's array API, the way AK1 reached libsodium until stop 16, on random keys and
    /// inputs of many lengths (an empty one too): same bytes, so the argument order, the salt and the personalisation
    /// are where libsodium expects them.
    /// </summary>
    [Fact]
    public void Every_primitive_gives_the_bytes_sodium_cores_array_api_gives()
    {
        var random = new Random(16);
        var zeroSalt = new byte[16];
        foreach (var length in new[] { 0, 1, 31, 32, 33, 64, 127, 128, 129, 300 })
        {
            var key = Next(random, 32);
            var input = Next(random, length);
            var personal = new byte[16];
            System.Text.Encoding.ASCII.GetBytes("AK1 session", personal);

            Assert.Equal(Sodium.GenericHash.HashSaltPersonal(input, key, zeroSalt, personal, 32), Primitives.Kdf(key, "AK1 session", input));
            Assert.Equal(Sodium.GenericHash.HashSaltPersonal(input, null, zeroSalt, personal, 32), Primitives.Hash("AK1 session", input));

            var privateKey = Next(random, 32);
            var peerPrivate = Next(random, 32);
            var peerPublic = Sodium.ScalarMult.Base(peerPrivate);
            Assert.Equal(Sodium.ScalarMult.Base(privateKey), Primitives.X25519Public(privateKey));
            Assert.Equal(Sodium.ScalarMult.Mult(privateKey, peerPublic), Primitives.X25519(privateKey, peerPublic));
        }
    }

    [Fact]
    public void The_label_is_the_personalisation_so_two_labels_give_two_keys()
    {
        Assert.NotEqual(Primitives.Kdf(Key, "AK1 c2s", Input), Primitives.Kdf(Key, "AK1 s2c", Input));
        Assert.NotEqual(Primitives.Hash("AK1 c2s", Input), Primitives.Hash("AK1 s2c", Input));
    }

    [Fact]
    public void A_label_that_is_not_ascii_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Primitives.Kdf(Key, "AK1 sessão", Input));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void A_kdf_key_that_is_not_32_bytes_is_refused(int length)
    {
        Assert.Throws<ArgumentException>(() => Primitives.Kdf(new byte[length], "AK1 hello", Input));
    }

    [Fact]
    public void A_label_of_16_characters_is_taken_and_one_over_is_refused()
    {
        Assert.Equal(32, Primitives.Kdf(Key, "AK1 sixteen char", Input).Length);
        Assert.Throws<ArgumentException>(() => Primitives.Kdf(Key, "AK1 seventeen chr", Input));
        Assert.Throws<ArgumentException>(() => Primitives.Hash("AK1 seventeen chr", Input));
    }

    [Theory]
    [InlineData(31, 32)]
    [InlineData(32, 31)]
    [InlineData(64, 0)]
    public void The_session_kdf_refuses_an_x25519_result_or_transcript_hash_that_is_not_32_bytes(int dh, int transcriptHash)
    {
        Assert.Throws<ArgumentException>(() => Transcript.PseudoRandomKey(Key, "AK1 session", new byte[dh], new byte[transcriptHash]));
    }

    [Fact]
    public void A_low_order_peer_key_leaves_no_result_behind()
    {
        var output = Enumerable.Repeat((byte)0xff, 32).ToArray();

        var agreed = SodiumX25519.SharedSecret(output, Key, new byte[32]);

        Assert.False(agreed);
        Assert.All(output, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(31, 32, 32)]
    [InlineData(32, 31, 32)]
    [InlineData(32, 32, 33)]
    public void X25519_refuses_a_key_or_output_that_is_not_32_bytes(int output, int privateKey, int publicKey)
    {
        Assert.Throws<ArgumentException>(() => SodiumX25519.SharedSecret(new byte[output], new byte[privateKey], new byte[publicKey]));
        if (publicKey == 32)
        {
            Assert.Throws<ArgumentException>(() => SodiumX25519.PublicKey(new byte[output], new byte[privateKey]));
        }
    }

    [Theory]
    [InlineData(15, 0, 16)]
    [InlineData(65, 0, 16)]
    [InlineData(32, 65, 16)]
    [InlineData(32, 32, 15)]
    public void Blake2b_refuses_an_output_key_or_personalisation_out_of_range(int output, int key, int personal)
    {
        Assert.Throws<ArgumentException>(() => SodiumBlake2b.Hash(new byte[output], Input, new byte[key], new byte[personal]));
    }

    private static byte[] Next(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
