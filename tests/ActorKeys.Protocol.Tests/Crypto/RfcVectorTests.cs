using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Crypto;

/// <summary>The libsodium calls themselves, against the RFCs' published vectors (PROTOCOL.md → Test vectors).</summary>
public class RfcVectorTests
{
    // RFC 8439 §2.8.2: AEAD_CHACHA20_POLY1305 test vector.
    private static readonly byte[] AeadKey = Bytes.Sequence(0x80, 32);
    private static readonly byte[] AeadNonce = Bytes.Hex("070000004041424344454647");
    private static readonly byte[] AeadAad = Bytes.Hex("50515253c0c1c2c3c4c5c6c7");
    private static readonly byte[] AeadPlaintext =
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."u8.ToArray();
    private static readonly byte[] AeadCiphertext = Bytes.Hex(
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6" +
        "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36" +
        "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc" +
        "3ff4def08e4b7a9de576d26586cec64b6116");
    private static readonly byte[] AeadTag = Bytes.Hex("1ae10b594f09e26a7e902ecbd0600691");

    // RFC 7748 §6.1: X25519 Diffie-Hellman.
    private static readonly byte[] AlicePrivate = Bytes.Hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static readonly byte[] AlicePublic = Bytes.Hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static readonly byte[] BobPrivate = Bytes.Hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static readonly byte[] BobPublic = Bytes.Hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static readonly byte[] SharedSecret = Bytes.Hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    [Fact]
    public void AeadEncryptMatchesRfc8439()
    {
        var sealedBytes = Aead.Encrypt(AeadKey, AeadNonce, AeadAad, AeadPlaintext);
        Assert.Equal(Bytes.ToHex(Bytes.Concat(AeadCiphertext, AeadTag)), Bytes.ToHex(sealedBytes));
    }

    [Fact]
    public void AeadDecryptMatchesRfc8439()
    {
        Assert.Equal(AeadPlaintext, Aead.Decrypt(AeadKey, AeadNonce, AeadAad, Bytes.Concat(AeadCiphertext, AeadTag)));
    }

    [Fact]
    public void AeadDecryptRefusesTheRfcVectorWithAnyTagOrAadBitFlipped()
    {
        var sealedBytes = Bytes.Concat(AeadCiphertext, AeadTag);
        for (var bit = 0; bit < 8; bit++)
        {
            Assert.Null(Aead.Decrypt(AeadKey, AeadNonce, AeadAad, Bytes.FlipBit(sealedBytes, sealedBytes.Length - 1, bit)));
            Assert.Null(Aead.Decrypt(AeadKey, AeadNonce, Bytes.FlipBit(AeadAad, 0, bit), sealedBytes));
        }
        Assert.Null(Aead.Decrypt(AeadKey, AeadNonce, AeadAad, AeadTag[..15]));
    }

    [Fact]
    public void X25519PublicKeysMatchRfc7748()
    {
        Assert.Equal(Bytes.ToHex(AlicePublic), Bytes.ToHex(Primitives.X25519Public(AlicePrivate)));
        Assert.Equal(Bytes.ToHex(BobPublic), Bytes.ToHex(Primitives.X25519Public(BobPrivate)));
    }

    [Fact]
    public void X25519SharedSecretMatchesRfc7748BothWays()
    {
        Assert.Equal(Bytes.ToHex(SharedSecret), Bytes.ToHex(Primitives.X25519(AlicePrivate, BobPublic)));
        Assert.Equal(Bytes.ToHex(SharedSecret), Bytes.ToHex(Primitives.X25519(BobPrivate, AlicePublic)));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")] // u = 0
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")] // u = 1, order 4
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")] // order 8
    [InlineData("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // u = p - 1, order 2
    public void X25519RefusesLowOrderPoints(string point)
    {
        Assert.Throws<WeakPublicKeyException>(() => Primitives.X25519(AlicePrivate, Bytes.Hex(point)));
        Assert.Throws<WeakPublicKeyException>(() => Primitives.X25519(BobPrivate, Bytes.Hex(point)));
    }
}
