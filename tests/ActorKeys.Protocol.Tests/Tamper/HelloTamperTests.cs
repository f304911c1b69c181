using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Tamper;

/// <summary>
/// Every single-bit change of every Hello field, at every position, is refused by the verifier, with the reason
/// the first failing check gives, and none of them is remembered in the replay cache.
/// </summary>
public sealed class HelloTamperTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();
    private readonly Hello _hello;
    private readonly HelloVerifier _verifier;

    public HelloTamperTests()
    {
        _hello = _fixture.Hello();
        _verifier = _fixture.NewVerifier();
    }

    public void Dispose() => _fixture.Dispose();

    private void AssertRefused(Hello tampered, RejectReason expected, string what)
    {
        var verdict = _verifier.Verify(tampered, Ak1Fixture.Now);
        Assert.False(verdict.Accepted, $"{what} was accepted");
        Assert.True(expected == verdict.Reason, $"{what}: expected {expected}, got {verdict.Reason}");
        Assert.Equal(0, _verifier.ReplayCacheCount);
    }

    /// <summary>After all the tampered copies, the genuine Hello is still fresh: nothing was recorded.</summary>
    private void AssertGenuineStillAccepted() => Assert.True(_verifier.Verify(_hello, Ak1Fixture.Now).Accepted);

    [Fact]
    public void EveryBitOfVersion()
    {
        for (var bit = 0; bit < 8; bit++)
        {
            AssertRefused(_hello with { Version = (byte)(_hello.Version ^ (1 << bit)) }, RejectReason.UnsupportedVersion, $"version bit {bit}");
        }
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void EveryBitOfEveryIdCharacter()
    {
        var stillValid = 0;
        for (var i = 0; i < _hello.ClientId.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var chars = _hello.ClientId.ToCharArray();
                chars[i] = (char)(chars[i] ^ (1 << bit));
                var id = new string(chars);
                // A valid id names another client, whose A differs, so the binder fails; an invalid one is malformed.
                var valid = ClientId.IsValid(id);
                stillValid += valid ? 1 : 0;
                AssertRefused(_hello with { ClientId = id }, valid ? RejectReason.AuthenticationFailed : RejectReason.ProtocolViolation,
                    $"id char {i} bit {bit} ('{id}')");
            }
        }
        Assert.True(stillValid > 20, "the id should produce many valid neighbours, so the binder path is exercised");
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void EveryBitOfEpoch()
    {
        for (var bit = 0; bit < 32; bit++)
        {
            AssertRefused(_hello with { Epoch = _hello.Epoch ^ (1u << bit) }, RejectReason.AuthenticationFailed, $"epoch bit {bit}");
        }
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void EveryBitOfKeyId()
    {
        foreach (var (flipped, what) in Bytes.EveryBitFlip(_hello.KeyId.ToArray()))
        {
            AssertRefused(_hello with { KeyId = KeyId.From(flipped) }, RejectReason.WrongServer, $"keyId {what}");
        }
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void EveryBitOfEveryServerAddressCharacter()
    {
        // Any change of the address names another node (compared ordinally), refused before the keyId or the binder.
        for (var i = 0; i < _hello.Server.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var chars = _hello.Server.ToCharArray();
                chars[i] = (char)(chars[i] ^ (1 << bit));
                AssertRefused(_hello with { Server = new string(chars) }, RejectReason.WrongServer, $"server char {i} bit {bit}");
            }
        }
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void EveryBitOfTime()
    {
        for (var bit = 0; bit < 64; bit++)
        {
            // The flipped t is exactly 2^bit ms away: within the skew the binder catches it, beyond it the clock does.
            var expected = (1UL << bit) <= Ak1Fixture.SkewMs ? RejectReason.AuthenticationFailed : RejectReason.StaleOrReplayed;
            AssertRefused(_hello with { TimeMs = _hello.TimeMs ^ (1UL << bit) }, expected, $"t bit {bit}");
        }
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void EveryBitOfNonce()
    {
        foreach (var (flipped, what) in Bytes.EveryBitFlip(_hello.ClientNonce.ToArray()))
        {
            AssertRefused(_hello with { ClientNonce = Nonce.From(flipped) }, RejectReason.AuthenticationFailed, $"nonce {what}");
        }
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void EveryBitOfClientEphemeral()
    {
        // E_c is inside the Hello body, so the binder covers it and the verifier refuses every change; see
        // ClientEphemeralTamperPastTheVerifier for what would happen one layer down.
        foreach (var (flipped, what) in Bytes.EveryBitFlip(_hello.ClientEphemeral.ToArray()))
        {
            AssertRefused(_hello with { ClientEphemeral = PublicKey.From(flipped) }, RejectReason.AuthenticationFailed, $"E_c {what}");
        }
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void EveryBitOfBinder()
    {
        foreach (var (flipped, what) in Bytes.EveryBitFlip(_hello.Binder.ToArray()))
        {
            AssertRefused(_hello with { Binder = Mac.From(flipped) }, RejectReason.AuthenticationFailed, $"binder {what}");
        }
        AssertGenuineStillAccepted();
    }

    [Fact]
    public void ClientEphemeralTamperPastTheVerifier()
    {
        // Defence in depth: if a server skipped the binder, a changed E_c still breaks key confirmation, because
        // E_c is in th. That matters for the top bit, which X25519 ignores: the DH result does not change.
        var topBit = Bytes.FlipBit(_hello.ClientEphemeral.ToArray(), 31, 7);
        Assert.Equal(Primitives.X25519(Ak1Fixture.ServerEphemeralPrivate, _hello.ClientEphemeral.Span),
            Primitives.X25519(Ak1Fixture.ServerEphemeralPrivate, topBit));

        foreach (var (flipped, what) in Bytes.EveryBitFlip(_hello.ClientEphemeral.ToArray()))
        {
            var (client, _) = _fixture.StartClient();
            using var _c = client;
            using var server = _fixture.ServerFor(_hello with { ClientEphemeral = PublicKey.From(flipped) });
            // Either the server's DH step refuses a low-order E_c, or the client's check of cf_s fails.
            var error = Assert.Throws<HandshakeException>(() => client.HandleChallenge(server.Respond(Ak1Fixture.ServerRandom()))).Error;
            Assert.NotEqual(ClientHandshake.State.Established, client.Current);
            Assert.True(error is HandshakeError.ServerNotAuthenticated or HandshakeError.WeakEphemeralKey, $"E_c {what}: {error}");
        }
    }
}
