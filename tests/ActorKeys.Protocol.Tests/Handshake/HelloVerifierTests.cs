using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>Each rejection reason from the input that should produce it (PROTOCOL.md → Handshake, the server's checks).</summary>
public sealed class HelloVerifierTests : IDisposable
{
    private const ulong Now = Ak1Fixture.Now;
    private static readonly ulong Skew = Ak1Fixture.SkewMs;
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private HelloVerifier NewVerifier(HelloVerifierOptions? options = null) => _fixture.NewVerifier(options);

    private static void AssertRejected(RejectReason reason, HelloVerdict verdict)
    {
        Assert.False(verdict.Accepted);
        Assert.Null(verdict.AccessKey);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void AcceptsAHonestHelloAndHandsOverTheAccessKey()
    {
        var verdict = NewVerifier().Verify(_fixture.Hello(), Now);
        Assert.True(verdict.Accepted);
        Assert.Null(verdict.Reason);
        Assert.Equal(_fixture.Master.DeriveAccessKey(Ak1Fixture.Id, 0), verdict.AccessKey!.Span.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(255)]
    public void OtherVersionIsUnsupported(byte version) =>
        AssertRejected(RejectReason.UnsupportedVersion, NewVerifier().Verify(_fixture.Hello() with { Version = version }, Now));

    public static TheoryData<string?> BadIds => new() { ".x", "", null, new string('a', 65), "a/b", "a b", "é", "a\0", "..", "a\\b" };

    [Theory]
    [MemberData(nameof(BadIds))]
    public void BadIdIsAProtocolViolation(string? id) =>
        AssertRejected(RejectReason.ProtocolViolation, NewVerifier().Verify(_fixture.Hello() with { ClientId = id! }, Now));

    [Fact]
    public void LongestValidIdIsNotAProtocolViolation()
    {
        using var credentials = _fixture.CredentialsFor(new string('a', 64), 0);
        Assert.True(NewVerifier().Verify(_fixture.Hello(credentials: credentials), Now).Accepted);
    }

    [Fact]
    public void KeystoreOfAnotherServerIsWrongServer()
    {
        using var other = new MasterSecret(Bytes.Sequence(0x01, 32));
        var accessKey = other.DeriveAccessKey(Ak1Fixture.Id, 0);
        using var credentials = new ClientCredentials(Ak1Fixture.Id, 0, other.KeyId, accessKey);
        AssertRejected(RejectReason.WrongServer, NewVerifier().Verify(_fixture.Hello(credentials: credentials), Now));
    }

    [Fact]
    public void WrongAccessKeyFailsTheBinder()
    {
        using var credentials = new ClientCredentials(Ak1Fixture.Id, 0, _fixture.Master.KeyId, Bytes.Sequence(0x55, 32));
        var verdict = NewVerifier().Verify(_fixture.Hello(credentials: credentials), Now);
        AssertRejected(RejectReason.AuthenticationFailed, verdict);
        Assert.Contains("binder", verdict.Detail);
    }

    [Fact]
    public void AccessKeyOfAnotherClientFailsTheBinder()
    {
        // The keystore of "other" with its id rewritten: A is bound to the id, so this must not pass.
        using var otherCredentials = _fixture.CredentialsFor("other", 0);
        var otherKey = otherCredentials.CopyAccessKey();
        using var forged = new ClientCredentials(Ak1Fixture.Id, 0, _fixture.Master.KeyId, otherKey);
        AssertRejected(RejectReason.AuthenticationFailed, NewVerifier().Verify(_fixture.Hello(credentials: forged), Now));
    }

    [Fact]
    public void EpochBelowTheMinimumIsRevokedAndTheNextEpochIsAccepted()
    {
        var options = new HelloVerifierOptions { MinimumEpoch = static id => id == Ak1Fixture.Id ? 1u : 0u };
        var verdict = NewVerifier(options).Verify(_fixture.Hello(), Now);
        AssertRejected(RejectReason.Revoked, verdict);
        Assert.Contains("revoked", verdict.Detail);
        Assert.NotEqual(RevocationProof.None, verdict.Proof);

        using var rotated = _fixture.CredentialsFor(Ak1Fixture.Id, 1);
        var accepted = NewVerifier(options).Verify(_fixture.Hello(credentials: rotated), Now);
        Assert.True(accepted.Accepted);
        Assert.Equal(RevocationProof.None, accepted.Proof);
    }

    [Fact]
    public void HelloJustPastTheSkewInThePastIsStale() =>
        AssertRejected(RejectReason.StaleOrReplayed, NewVerifier().Verify(_fixture.Hello(Now - Skew - 1), Now));

    [Fact]
    public void HelloJustPastTheSkewInTheFutureIsStale() =>
        AssertRejected(RejectReason.StaleOrReplayed, NewVerifier().Verify(_fixture.Hello(Now + Skew + 1), Now));

    [Fact]
    public void HelloFarAwayInTimeIsStale()
    {
        AssertRejected(RejectReason.StaleOrReplayed, NewVerifier().Verify(_fixture.Hello(0), Now));
        AssertRejected(RejectReason.StaleOrReplayed, NewVerifier().Verify(_fixture.Hello(ulong.MaxValue), Now));
    }

    [Fact]
    public void HelloExactlyAtTheSkewEdgeIsAccepted()
    {
        Assert.True(NewVerifier().Verify(_fixture.Hello(Now - Skew), Now).Accepted);
        Assert.True(NewVerifier().Verify(_fixture.Hello(Now + Skew), Now).Accepted);
    }

    [Fact]
    public void ConfiguredSkewIsHonoured()
    {
        var options = new HelloVerifierOptions { MaxClockSkew = TimeSpan.FromSeconds(1) };
        Assert.True(NewVerifier(options).Verify(_fixture.Hello(Now - 1000), Now).Accepted);
        AssertRejected(RejectReason.StaleOrReplayed, NewVerifier(options).Verify(_fixture.Hello(Now - 1001), Now));
    }

    [Fact]
    public void ReplayedHelloIsStaleOrReplayed()
    {
        var verifier = NewVerifier();
        var hello = _fixture.Hello();
        Assert.True(verifier.Verify(hello, Now).Accepted);
        AssertRejected(RejectReason.StaleOrReplayed, verifier.Verify(hello, Now + 1));
        Assert.Equal(1, verifier.ReplayCacheCount);
    }

    [Fact]
    public void TheSameNonceUnderAnotherIdIsNoReplay()
    {
        // The cache is keyed by (id, epoch, nonce): one client's nonces say nothing about another's.
        var verifier = NewVerifier();
        var nonce = Bytes.Sequence(7, 32);
        var otherKey = _fixture.Master.DeriveAccessKey("other", 0);
        using var other = new ClientCredentials("other", 0, _fixture.Master.KeyId, otherKey);
        Assert.True(verifier.Verify(_fixture.Hello(nonce: nonce), Now).Accepted);
        Assert.True(verifier.Verify(_fixture.Hello(nonce: nonce, credentials: other), Now).Accepted);
        Assert.Equal(2, verifier.ReplayCacheCount);
    }

    [Fact]
    public void AClientOverItsOwnBudgetIsBusyAfterItsBinderAndTakesNoPlaceInTheCache()
    {
        var verifier = NewVerifier();
        AssertRejected(RejectReason.Busy, verifier.Verify(_fixture.Hello(), Now, admit: _ => false));
        Assert.Equal(0, verifier.ReplayCacheCount);
        // A Hello whose binder fails is never asked about: the budget belongs to key holders.
        var asked = false;
        AssertRejected(RejectReason.AuthenticationFailed,
            verifier.Verify(_fixture.Hello() with { Binder = Mac.From(new byte[32]) }, Now, admit: _ => asked = true));
        Assert.False(asked);
    }

    [Fact]
    public void FullReplayCacheAnswersBusy()
    {
        var verifier = NewVerifier(new HelloVerifierOptions { ReplayCacheCapacity = 2 });
        Assert.True(verifier.Verify(_fixture.Hello(nonce: Bytes.Sequence(1, 32)), Now).Accepted);
        Assert.True(verifier.Verify(_fixture.Hello(nonce: Bytes.Sequence(2, 32)), Now).Accepted);
        AssertRejected(RejectReason.Busy, verifier.Verify(_fixture.Hello(nonce: Bytes.Sequence(3, 32)), Now));
        Assert.Equal(2, verifier.ReplayCacheCount);
        // A full cache still recognises a replay rather than calling it busy.
        AssertRejected(RejectReason.StaleOrReplayed, verifier.Verify(_fixture.Hello(nonce: Bytes.Sequence(1, 32)), Now));
    }

    [Fact]
    public void FullReplayCacheFreesRoomOnlyWhenAWindowEnds()
    {
        var verifier = NewVerifier(new HelloVerifierOptions { ReplayCacheCapacity = 2 });
        Assert.True(verifier.Verify(_fixture.Hello(Now, Bytes.Sequence(1, 32)), Now).Accepted);
        Assert.True(verifier.Verify(_fixture.Hello(Now + 10, Bytes.Sequence(2, 32)), Now + 10).Accepted);
        var edge = Now + Skew;
        AssertRejected(RejectReason.Busy, verifier.Verify(_fixture.Hello(edge, Bytes.Sequence(3, 32)), edge));
        Assert.True(verifier.Verify(_fixture.Hello(edge + 1, Bytes.Sequence(3, 32)), edge + 1).Accepted);
        Assert.Equal(2, verifier.ReplayCacheCount);
    }

    [Fact]
    public void ReplayedNonceIsAcceptedAgainOnlyAfterItsWindowEnded()
    {
        var verifier = NewVerifier();
        Assert.True(verifier.Verify(_fixture.Hello(Now), Now).Accepted);

        // The same nonce in a fresh, correctly bound Hello: refused while the first Hello could still pass.
        var windowEnd = Now + Skew;
        AssertRejected(RejectReason.StaleOrReplayed, verifier.Verify(_fixture.Hello(windowEnd), windowEnd));
        // The original itself is refused once its window ended, by the clock check.
        AssertRejected(RejectReason.StaleOrReplayed, verifier.Verify(_fixture.Hello(Now), windowEnd + 1));
        Assert.True(verifier.Verify(_fixture.Hello(windowEnd + 1), windowEnd + 1).Accepted);
    }

    [Fact]
    public void HelloFromTheFutureIsRememberedUntilItsOwnWindowEnds()
    {
        var verifier = NewVerifier();
        var future = Now + Skew;
        var hello = _fixture.Hello(future);
        Assert.True(verifier.Verify(hello, Now).Accepted);
        AssertRejected(RejectReason.StaleOrReplayed, verifier.Verify(hello, future + Skew));
    }

    [Fact]
    public void HelloWithAFailingBinderIsNotRecorded()
    {
        var verifier = NewVerifier();
        var hello = _fixture.Hello();
        AssertRejected(RejectReason.AuthenticationFailed, verifier.Verify(hello with { Binder = Mac.From(new byte[32]) }, Now));
        Assert.Equal(0, verifier.ReplayCacheCount);
        // The nonce was not burnt: the genuine Hello still gets in.
        Assert.True(verifier.Verify(hello, Now).Accepted);
        Assert.Equal(1, verifier.ReplayCacheCount);
    }

    [Fact]
    public void RejectedBeforeTheBinderIsNotRecorded()
    {
        var verifier = NewVerifier();
        var hello = _fixture.Hello();
        verifier.Verify(hello with { Version = 1 }, Now);
        verifier.Verify(hello with { Server = "akka.tcp://actorkeys-server@127.0.0.1:4054" }, Now);
        verifier.Verify(hello with { KeyId = KeyId.From(new byte[8]) }, Now);
        verifier.Verify(hello, Now + Skew + 1);
        Assert.Equal(0, verifier.ReplayCacheCount);
    }

    [Fact]
    public void ChecksRunInTheSpecOrder()
    {
        var hello = _fixture.Hello();
        var revokeAll = new HelloVerifierOptions { MinimumEpoch = static _ => uint.MaxValue };
        var noKey = KeyId.From(new byte[8]);
        var badBinder = Mac.From(new byte[32]);
        const string elsewhere = "akka.tcp://actorkeys-server@10.0.0.9:4053";
        // Version, id syntax, server, keyId, clock skew, binder, replay cache, revocation: each check wins over every later one.
        AssertRejected(RejectReason.UnsupportedVersion, NewVerifier().Verify(hello with { Version = 9, ClientId = "", Server = elsewhere }, Now));
        AssertRejected(RejectReason.ProtocolViolation, NewVerifier().Verify(hello with { ClientId = ".", Server = elsewhere, KeyId = noKey }, Now));
        AssertRejected(RejectReason.WrongServer, NewVerifier(revokeAll).Verify(hello with { Server = elsewhere, Binder = badBinder }, Now + Skew + 1));
        AssertRejected(RejectReason.WrongServer, NewVerifier(revokeAll).Verify(hello with { KeyId = noKey, Binder = badBinder }, Now + Skew + 1));
        AssertRejected(RejectReason.StaleOrReplayed, NewVerifier(revokeAll).Verify(hello with { Binder = badBinder }, Now + Skew + 1));
        AssertRejected(RejectReason.AuthenticationFailed, NewVerifier(revokeAll).Verify(hello with { Binder = badBinder }, Now));
        var verifier = NewVerifier(revokeAll);
        AssertRejected(RejectReason.Revoked, verifier.Verify(hello, Now));
        AssertRejected(RejectReason.StaleOrReplayed, verifier.Verify(hello, Now));
    }

    [Fact]
    public void DetailNeverCarriesTheAccessKey()
    {
        var accessKey = _fixture.Master.DeriveAccessKey(Ak1Fixture.Id, 0);
        var verdict = NewVerifier().Verify(_fixture.Hello() with { Binder = Mac.From(new byte[32]) }, Now);
        Assert.DoesNotContain(Bytes.ToHex(accessKey), verdict.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(accessKey), verdict.ToString());
    }
}
