using System.Security.Cryptography;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Protocol.Handshake;

/// <summary>The outcome of checking a Hello: the recomputed access key, or a reason and a detail for the log.</summary>
public sealed class HelloVerdict
{
    private HelloVerdict(SecretBytes? accessKey, RejectReason? reason, string detail, RevocationProof proof = default)
    {
        AccessKey = accessKey;
        Reason = reason;
        Detail = detail;
        Proof = proof;
    }

    /// <summary>For <see cref="RejectReason.Revoked"/>, the proof the rejection carries; zero otherwise.</summary>
    public RevocationProof Proof { get; }

    /// <summary>A of the Hello's client when accepted; its new owner disposes (zeroes) it.</summary>
    public SecretBytes? AccessKey { get; }

    public RejectReason? Reason { get; }

    /// <summary>Which check failed, for the server's log only: never sent, never holds a key.</summary>
    public string Detail { get; }

    public bool Accepted => AccessKey is not null;

    internal static HelloVerdict Accept(byte[] accessKey) => new(SecretBytes.Adopt(accessKey), null, "accepted");

    internal static HelloVerdict Reject(RejectReason reason, string detail) => new(null, reason, detail);

    internal static HelloVerdict Revoked(RevocationProof proof, string detail) => new(null, RejectReason.Revoked, detail, proof);

    public override string ToString() => Accepted ? "HelloVerdict(accepted)" : $"HelloVerdict({Reason?.ToWireName()}: {Detail})";
}

/// <summary>Limits of the Hello checks; their defaults are the spec's.</summary>
public sealed record HelloVerifierOptions
{
    public TimeSpan MaxClockSkew { get; init; } = Ak1.DefaultMaxClockSkew;
    public int ReplayCacheCapacity { get; init; } = 100_000;

    /// <summary>
    /// The minimum valid epoch of a client id (PROTOCOL.md, version 2, item 7): 0 for an id the registry has no row for.
    /// Asked on every Hello whose binder verified, so it must be cheap and thread-safe to read.
    /// </summary>
    public Func<string, uint> MinimumEpoch { get; init; } = static _ => 0;
}

/// <summary>
/// The server's Hello checks in the order of PROTOCOL.md (version 2, item 3), cheapest first: version, id syntax, the
/// server address the Hello is bound to, keyId (one of the ring's keys), clock skew, binder, then the replay cache keyed by
/// (id, epoch, nonce), and last revocation. No X25519 work happens here: a Hello that fails costs three BLAKE2b calls at most.
/// Not thread-safe: one actor owns it.
/// </summary>
/// <param name="ring">The accepted master keys; the caller owns it and may change it between calls.</param>
/// <param name="serverAddress">This node's advertised address, compared ordinally with <see cref="Hello.Server"/>.</param>
public sealed class HelloVerifier(MasterKeyRing ring, string serverAddress, HelloVerifierOptions? options = null)
{
    private readonly HelloVerifierOptions _options = options ?? new HelloVerifierOptions();
    private readonly ReplayCache _replay = new((options ?? new HelloVerifierOptions()).ReplayCacheCapacity);

    /// <summary>Nonces held against replay now (the server's <c>actorkeys.replay_cache.entries</c> gauge). Not thread-safe: read it where Verify is called.</summary>
    public int ReplayCacheCount => _replay.Count;

    /// <summary>Bytes the replay cache's tables hold (<see cref="ReplayCache.ApproximateBytes"/>). Not thread-safe either.</summary>
    public long ReplayCacheBytes => _replay.ApproximateBytes;

    /// <summary>
    /// Checks <paramref name="hello"/> at <paramref name="nowMs"/>. <paramref name="admit"/> is asked, after the binder
    /// verified and before the replay cache records the nonce, whether this client may handshake now (false: <c>busy</c>).
    /// </summary>
    public HelloVerdict Verify(Hello hello, ulong nowMs, Func<string, bool>? admit = null)
    {
        admit ??= static _ => true;
        if (hello.Version != Ak1.Version)
        {
            return HelloVerdict.Reject(RejectReason.UnsupportedVersion, $"version {hello.Version}");
        }
        if (!ClientId.IsValid(hello.ClientId))
        {
            return HelloVerdict.Reject(RejectReason.ProtocolViolation, "malformed id");
        }
        if (!string.Equals(hello.Server, serverAddress, StringComparison.Ordinal))
        {
            // Not logged: the address is text the sender chose.
            return HelloVerdict.Reject(RejectReason.WrongServer, "addressed to another node");
        }
        var master = ring.Find(hello.KeyId.Span);
        if (master is null)
        {
            return HelloVerdict.Reject(RejectReason.WrongServer, $"keyId {Convert.ToHexStringLower(hello.KeyId.Span)}");
        }
        var skewMs = (ulong)_options.MaxClockSkew.TotalMilliseconds;
        var distance = nowMs >= hello.TimeMs ? nowMs - hello.TimeMs : hello.TimeMs - nowMs;
        if (distance > skewMs)
        {
            return HelloVerdict.Reject(RejectReason.StaleOrReplayed, $"clock skew {distance} ms");
        }
        var accessKey = master.DeriveAccessKey(hello.ClientId, hello.Epoch);
        var handedOver = false;
        try
        {
            var expected = Transcript.Binder(accessKey, Transcript.HelloBody(hello));
            if (!CryptographicOperations.FixedTimeEquals(expected, hello.Binder.Span))
            {
                return HelloVerdict.Reject(RejectReason.AuthenticationFailed, "binder mismatch");
            }
            // Budgets that only a holder of this client's key can spend (its own handshake rate) come after the
            // binder and before the nonce takes a place in the cache.
            if (!admit(hello.ClientId))
            {
                return HelloVerdict.Reject(RejectReason.Busy, "too many handshakes for this client");
            }
            // The nonce must stay remembered until its Hello would fail the skew check on its own.
            var outcome = _replay.TryRecord(hello.ClientId, hello.Epoch, hello.ClientNonce.Span, SaturatingAdd(hello.TimeMs, skewMs), nowMs);
            if (outcome != ReplayCache.Outcome.Recorded)
            {
                return outcome == ReplayCache.Outcome.Replayed
                    ? HelloVerdict.Reject(RejectReason.StaleOrReplayed, "nonce replayed")
                    : HelloVerdict.Reject(RejectReason.Busy, "replay cache full");
            }
            // Last, after the nonce is spent: the proof binds this rejection to this Hello, and only a holder of A could
            // have sent it, so the client may believe it and stop for good.
            if (hello.Epoch < _options.MinimumEpoch(hello.ClientId))
            {
                return HelloVerdict.Revoked(Transcript.RevokedProof(accessKey, hello.Binder.Span), $"epoch {hello.Epoch} revoked");
            }
            handedOver = true;
            return HelloVerdict.Accept(accessKey);
        }
        finally
        {
            if (!handedOver)
            {
                CryptographicOperations.ZeroMemory(accessKey);
            }
        }
    }

    private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;
}
