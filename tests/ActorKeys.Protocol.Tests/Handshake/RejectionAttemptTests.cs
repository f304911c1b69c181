using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>A version-2 rejection belongs to the attempt whose client nonce it names (PROTOCOL.md, version 2, item 1).</summary>
public sealed class RejectionAttemptTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_rejection_naming_this_hello_is_for_this_attempt_and_one_naming_another_is_not()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        Assert.Equal(hello.ClientNonce, client.ClientNonce);
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            Assert.True(client.IsForThisAttempt(new Rejected2(reason, hello.ClientNonce, RevocationProof.None)));
            foreach (var (flipped, what) in Bytes.EveryBitFlip(hello.ClientNonce.ToArray()).Where((_, i) => i % 17 == 0))
            {
                Assert.False(client.IsForThisAttempt(new Rejected2(reason, Nonce.From(flipped), RevocationProof.None)), what);
            }
        }
    }

    [Fact]
    public void A_rejection_of_an_earlier_attempt_is_not_for_this_one()
    {
        var (first, firstHello) = _fixture.StartClient(nonce: Bytes.Sequence(0x01, 32));
        first.Dispose();
        var (second, _) = _fixture.StartClient(nonce: Bytes.Sequence(0x02, 32));
        using var _s = second;
        Assert.False(second.IsForThisAttempt(new Rejected2(RejectReason.Busy, firstHello.ClientNonce, RevocationProof.None)));
    }

    [Fact]
    public void The_all_zero_nonce_of_an_answer_to_a_malformed_hello_is_nobody_s_attempt()
    {
        using var notStarted = new ClientHandshake(_fixture.Credentials, Ak1Fixture.ServerAddress);
        var zero = new Rejected2(RejectReason.ProtocolViolation, Nonce.From(new byte[32]), RevocationProof.None);
        Assert.False(notStarted.IsForThisAttempt(zero)); // before Start its own nonce is zero too, and still nothing matches
        Assert.False(notStarted.RevocationIsProven(zero with { Reason = RejectReason.Revoked }));
        var (started, _) = _fixture.StartClient();
        using var _s = started;
        Assert.False(started.IsForThisAttempt(zero));
    }
}
