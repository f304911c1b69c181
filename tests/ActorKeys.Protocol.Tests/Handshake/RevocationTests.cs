using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>
/// An epoch below the client's minimum is refused as revoked, last of all checks, with a proof only the holder of A can
/// make and check (PROTOCOL.md, version 2, items 1, 3 and 7).
/// </summary>
public sealed class RevocationTests : IDisposable
{
    private static readonly HelloVerifierOptions RevokeEpoch0 = new() { MinimumEpoch = static id => id == Ak1Fixture.Id ? 1u : 0u };
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_revoked_epoch_gets_revoked_with_the_spec_proof_and_the_client_believes_it()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        var verdict = _fixture.NewVerifier(RevokeEpoch0).Verify(hello, Ak1Fixture.Now);
        Assert.Equal(RejectReason.Revoked, verdict.Reason);
        Assert.Null(verdict.AccessKey);

        var accessKey = _fixture.Master.DeriveAccessKey(Ak1Fixture.Id, 0);
        Assert.Equal(Primitives.Kdf(accessKey, "AK1 revoked", hello.Binder.Span)[..16], verdict.Proof.ToArray());

        var rejected = new Rejected2(RejectReason.Revoked, hello.ClientNonce, verdict.Proof);
        Assert.True(client.IsForThisAttempt(rejected));
        Assert.True(client.RevocationIsProven(rejected));
    }

    [Fact]
    public void A_revoked_rejection_with_a_wrong_proof_is_not_proven_and_changes_nothing()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        var proof = _fixture.NewVerifier(RevokeEpoch0).Verify(hello, Ak1Fixture.Now).Proof.ToArray();
        foreach (var (flipped, what) in Bytes.EveryBitFlip(proof))
        {
            var forged = new Rejected2(RejectReason.Revoked, hello.ClientNonce, RevocationProof.From(flipped));
            Assert.True(client.IsForThisAttempt(forged));
            Assert.False(client.RevocationIsProven(forged), what);
        }
        Assert.False(client.RevocationIsProven(new Rejected2(RejectReason.Revoked, hello.ClientNonce, RevocationProof.None)));
        Assert.Equal(ClientHandshake.State.AwaitingChallenge, client.Current);
        // The attempt goes on: the genuine Challenge still completes it.
        using var server = _fixture.ServerFor(hello);
        client.HandleChallenge(server.Respond(Ak1Fixture.ServerRandom())).Channel.Dispose();
        Assert.Equal(ClientHandshake.State.Established, client.Current);
    }

    [Fact]
    public void A_proof_made_for_another_hello_of_the_same_client_is_not_proven()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        var other = _fixture.Hello(nonce: Bytes.Sequence(0x03, 32));
        var otherProof = _fixture.NewVerifier(RevokeEpoch0).Verify(other, Ak1Fixture.Now).Proof;
        Assert.Equal(RejectReason.Revoked, _fixture.NewVerifier(RevokeEpoch0).Verify(other, Ak1Fixture.Now).Reason);
        Assert.False(client.RevocationIsProven(new Rejected2(RejectReason.Revoked, hello.ClientNonce, otherProof)));
    }

    [Fact]
    public void Only_a_revoked_rejection_can_be_proven()
    {
        var (client, hello) = _fixture.StartClient();
        using var _c = client;
        var proof = _fixture.NewVerifier(RevokeEpoch0).Verify(hello, Ak1Fixture.Now).Proof;
        foreach (var reason in Enum.GetValues<RejectReason>().Where(r => r != RejectReason.Revoked))
        {
            Assert.False(client.RevocationIsProven(new Rejected2(reason, hello.ClientNonce, proof)), reason.ToWireName());
        }
    }

    [Fact]
    public void A_stale_and_revoked_hello_is_stale_or_replayed()
    {
        var verifier = _fixture.NewVerifier(RevokeEpoch0);
        var verdict = verifier.Verify(_fixture.Hello(Ak1Fixture.Now - Ak1Fixture.SkewMs - 1), Ak1Fixture.Now);
        Assert.Equal(RejectReason.StaleOrReplayed, verdict.Reason);
        Assert.Equal(RevocationProof.None, verdict.Proof);
    }

    [Fact]
    public void A_replayed_revoked_hello_is_stale_or_replayed_because_revocation_is_checked_after_the_nonce_is_spent()
    {
        var verifier = _fixture.NewVerifier(RevokeEpoch0);
        var hello = _fixture.Hello();
        Assert.Equal(RejectReason.Revoked, verifier.Verify(hello, Ak1Fixture.Now).Reason);
        Assert.Equal(1, verifier.ReplayCacheCount);
        var replayed = verifier.Verify(hello, Ak1Fixture.Now + 1);
        Assert.Equal(RejectReason.StaleOrReplayed, replayed.Reason);
        Assert.Equal(RevocationProof.None, replayed.Proof);
    }

    [Fact]
    public void A_revoked_hello_with_a_wrong_binder_is_authentication_failed_and_carries_no_proof()
    {
        var verdict = _fixture.NewVerifier(RevokeEpoch0).Verify(_fixture.Hello() with { Binder = Mac.From(new byte[32]) }, Ak1Fixture.Now);
        Assert.Equal(RejectReason.AuthenticationFailed, verdict.Reason);
        Assert.Equal(RevocationProof.None, verdict.Proof);
    }

    [Fact]
    public void A_busy_client_is_busy_before_its_revocation_is_looked_at()
    {
        var asked = false;
        var options = new HelloVerifierOptions { MinimumEpoch = _ => { asked = true; return 1; } };
        Assert.Equal(RejectReason.Busy, _fixture.NewVerifier(options).Verify(_fixture.Hello(), Ak1Fixture.Now, admit: _ => false).Reason);
        Assert.False(asked);
    }

    [Fact]
    public void The_minimum_epoch_is_per_client_id_and_epochs_at_or_above_it_are_accepted()
    {
        var options = new HelloVerifierOptions { MinimumEpoch = static id => id == Ak1Fixture.Id ? 5u : 0u };
        using var other = _fixture.CredentialsFor("other", 0);
        using var atMinimum = _fixture.CredentialsFor(Ak1Fixture.Id, 5);
        using var above = _fixture.CredentialsFor(Ak1Fixture.Id, 6);
        using var below = _fixture.CredentialsFor(Ak1Fixture.Id, 4);
        var verifier = _fixture.NewVerifier(options);
        Assert.True(verifier.Verify(_fixture.Hello(credentials: other), Ak1Fixture.Now).Accepted);
        Assert.True(verifier.Verify(_fixture.Hello(credentials: atMinimum), Ak1Fixture.Now).Accepted);
        Assert.True(verifier.Verify(_fixture.Hello(credentials: above), Ak1Fixture.Now).Accepted);
        Assert.Equal(RejectReason.Revoked, verifier.Verify(_fixture.Hello(credentials: below), Ak1Fixture.Now).Reason);
    }
}
