using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Tamper;

/// <summary>Every single-bit change of every Challenge and Finish field makes the receiving state machine fail.</summary>
public sealed class ChallengeFinishTamperTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();
    private readonly Hello _hello;
    private readonly Challenge _challenge;
    private readonly Finish _finish;

    public ChallengeFinishTamperTests()
    {
        // Randomness is scripted, so every fresh client and server below repeats exactly this Hello and Challenge.
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        using var server = _fixture.ServerFor(hello);
        _hello = hello;
        _challenge = server.Respond(Ak1Fixture.ServerRandom());
        var (finish, channel) = client.HandleChallenge(_challenge);
        channel.Dispose();
        _finish = finish;
    }

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string> ChallengeFields => new() { "sid", "n_s", "E_s", "cf_s" };

    [Theory]
    [MemberData(nameof(ChallengeFields))]
    public void EveryBitOfEveryChallengeField(string field)
    {
        var value = field switch
        {
            "sid" => _challenge.SessionId.ToArray(),
            "n_s" => _challenge.ServerNonce.ToArray(),
            "E_s" => _challenge.ServerEphemeral.ToArray(),
            _ => _challenge.ConfirmServer.ToArray(),
        };
        AssertClientAccepts(_challenge);
        for (var i = 0; i < value.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var flipped = Bytes.FlipBit(value, i, bit);
                var tampered = field switch
                {
                    "sid" => _challenge with { SessionId = SessionId.From(flipped) },
                    "n_s" => _challenge with { ServerNonce = Nonce.From(flipped) },
                    "E_s" => _challenge with { ServerEphemeral = PublicKey.From(flipped) },
                    _ => _challenge with { ConfirmServer = Mac.From(flipped) },
                };
                var (client, _) = _fixture.StartClient();
                using var _c = client;
                var error = Assert.Throws<HandshakeException>(() => client.HandleChallenge(tampered)).Error;
                // Every field is in th, so cf_s no longer verifies; a changed E_s may instead be of low order.
                var ok = error == HandshakeError.ServerNotAuthenticated || (field == "E_s" && error == HandshakeError.WeakEphemeralKey);
                Assert.True(ok, $"{field} byte {i} bit {bit}: {error}");
                // Ignored, not fatal: a stranger can send a bad Challenge; the genuine one still completes the attempt.
                Assert.Equal(ClientHandshake.State.AwaitingChallenge, client.Current);
                client.HandleChallenge(_challenge).Channel.Dispose();
            }
        }
    }

    [Fact]
    public void EveryBitOfFinishSessionId()
    {
        AssertServerAccepts(_finish);
        foreach (var (flipped, _) in Bytes.EveryBitFlip(_finish.SessionId.ToArray()))
        {
            AssertServerRefuses(_finish with { SessionId = SessionId.From(flipped) }, HandshakeError.WrongSession);
        }
    }

    [Fact]
    public void EveryBitOfFinishConfirmation()
    {
        AssertServerAccepts(_finish);
        foreach (var (flipped, _) in Bytes.EveryBitFlip(_finish.ConfirmClient.ToArray()))
        {
            AssertServerRefuses(_finish with { ConfirmClient = Mac.From(flipped) }, HandshakeError.ClientNotAuthenticated);
        }
    }

    /// <summary>The control: the untampered message passes, so the failures above are caused by the flipped bit.</summary>
    private void AssertClientAccepts(Challenge challenge)
    {
        var (client, _) = _fixture.StartClient();
        using var _c = client;
        client.HandleChallenge(challenge).Channel.Dispose();
    }

    private void AssertServerAccepts(Finish finish)
    {
        using var server = _fixture.ServerFor(_hello);
        server.Respond(Ak1Fixture.ServerRandom());
        server.HandleFinish(finish).Dispose();
    }

    private void AssertServerRefuses(Finish finish, HandshakeError expected)
    {
        using var server = _fixture.ServerFor(_hello);
        server.Respond(Ak1Fixture.ServerRandom());
        Assert.Equal(expected, Assert.Throws<HandshakeException>(() => server.HandleFinish(finish)).Error);
        Assert.Equal(ServerHandshake.State.Failed, server.Current);
    }

}
