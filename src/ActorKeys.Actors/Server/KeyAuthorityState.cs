using ActorKeys.Actors.Configuration;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Limits;

namespace ActorKeys.Actors.Server;

/// <summary>
/// What the <see cref="KeyAuthority"/> must never lose: the replay cache (inside the verifier), the budgets and the
/// clock. It lives outside the actor instance, created once per server system, so that a restart of the actor (which
/// the inbound allow-list makes impossible from the wire, but which a bug could still cause) starts the new instance
/// with the same memory instead of reopening every replay window and resetting every budget.
/// </summary>
public sealed class KeyAuthorityState
{
    /// <param name="ring">The node's master keys; the key authority owns them from now on and zeroes them when it stops.</param>
    /// <param name="serverAddress">This node's advertised address: a Hello bound to any other is refused (<c>wrong-server</c>).</param>
    public KeyAuthorityState(MasterKeyRing ring, string serverAddress, ServerSettings settings, TimeProvider time, LifecycleHolder? lifecycle = null)
    {
        Ring = ring;
        Lifecycle = lifecycle ?? new LifecycleHolder();
        Lifecycle.Publish(LifecycleView.Empty, ring.Keys.Select(k => k.KeyIdHex));
        Clock = new ServerClock(time);
        Verifier = new HelloVerifier(ring, serverAddress, new HelloVerifierOptions
        {
            MaxClockSkew = settings.MaxClockSkew,
            ReplayCacheCapacity = settings.ReplayCacheSize,
            MinimumEpoch = id => Lifecycle.Current.View.MinimumEpoch(id),
        });
        FailuresByAddress = settings.FailedHandshakeLimit.NewLimiter();
        SuccessesById = settings.HandshakeLimit.NewLimiter();
        RejectionReplies = new TokenBucket(settings.RejectionBudget.RepliesPerSecond, settings.RejectionBudget.RepliesPerSecond);
        RejectionLogLines = new TokenBucket(settings.RejectionBudget.LogLinesPerSecond, settings.RejectionBudget.LogLinesPerSecond);
    }

    public MasterKeyRing Ring { get; }

    /// <summary>The lifecycle last applied (minimum epochs, master key states), shared with every session.</summary>
    public LifecycleHolder Lifecycle { get; }
    public ServerClock Clock { get; }
    public HelloVerifier Verifier { get; }

    /// <summary>Failed Hellos answered per sender address. The address is written by the sender: a hint, not an identity.</summary>
    public KeyedRateLimiter FailuresByAddress { get; }

    /// <summary>Successful handshakes per client id: only a holder of that client's key can spend this budget.</summary>
    public KeyedRateLimiter SuccessesById { get; }

    /// <summary>Rejections answered per second by the whole server, however many addresses a flood claims to come from.</summary>
    public TokenBucket RejectionReplies { get; }

    /// <summary>Rejection log lines per second for the whole server; the rest are counted in one "suppressed" line.</summary>
    public TokenBucket RejectionLogLines { get; }

    public RestartCounter Restarts { get; } = new();

    /// <summary>The last view of this node's own registry (or a test's), and of what the cluster agreed on; empty until known.</summary>
    public LifecycleView LocalView { get; set; } = LifecycleView.Empty;

    /// <inheritdoc cref="LocalView"/>
    public LifecycleView ReplicatedView { get; set; } = LifecycleView.Empty;

    /// <summary>False while this node is out of its cluster (downed, rejoining): Hellos are then answered busy.</summary>
    public bool Serving { get; set; } = true;

    /// <summary>
    /// Reads the master key file again, for a key the registry names and the ring does not hold (after <c>master
    /// rotate</c>); null when that cannot be done without a person (a password-sealed file), so a restart is needed.
    /// </summary>
    public Func<IReadOnlyList<MasterSecret>>? ReloadRing { get; init; }

    /// <summary>
    /// Applies <paramref name="view"/>: loads keys the registry names and the ring lacks (when it can), drops the keys it
    /// marks retired (zeroing them), makes its current key current, and publishes it to every session. Returns what
    /// changed that revokes something (clients whose minimum rose, keys retired) and what could not be done, for the log.
    /// </summary>
    public (int Revocations, IReadOnlyList<string> Problems) Apply(LifecycleView view)
    {
        var problems = new List<string>();
        var previous = Lifecycle.Current.View;
        view = NeverBackwards(view, previous, problems);
        var missing = view.MasterKeys.Where(k => k.Value != Registry.MasterKeyState.Retired && !Ring.Holds(k.Key)).Select(k => k.Key).ToList();
        if (missing.Count > 0)
        {
            LoadMissing(missing, problems);
        }
        // Current first, then every retired key, the ring's current one included: the outcome must not depend on the order
        // of the registry's entries, and a retirement is never skipped.
        foreach (var (keyIdHex, _) in view.MasterKeys.Where(k => k.Value == Registry.MasterKeyState.Current))
        {
            if (Ring.Current?.KeyIdHex != keyIdHex && !Ring.MakeCurrent(keyIdHex))
            {
                problems.Add($"the registry names master key {keyIdHex} current, but this server does not hold it");
            }
        }
        var revocations = view.MasterKeys.Count(k => k.Value == Registry.MasterKeyState.Retired && Ring.Retire(k.Key));
        if (Ring.Keys.Count == 0)
        {
            problems.Add("every master key this server held is retired: every Hello now gets wrong-server");
        }
        revocations += view.MinimumEpochs.Count(e => e.Value > previous.MinimumEpoch(e.Key));
        Lifecycle.Publish(view, Ring.Keys.Select(k => k.KeyIdHex));
        return (revocations, problems);
    }

    /// <summary>Keys this server has retired: never loaded or accepted again, whatever a later registry says.</summary>
    private readonly HashSet<string> _retired = new(StringComparer.Ordinal);

    /// <summary>
    /// A running server never lowers a minimum epoch nor un-retires a master key: the registry's own commands never do,
    /// so a step back means a restored backup or a hand edit, and applying it would quietly re-admit revoked keystores.
    /// The higher value is kept and the step back reported (restart the server to accept a restored registry).
    /// </summary>
    private LifecycleView NeverBackwards(LifecycleView view, LifecycleView previous, List<string> problems)
    {
        var minimums = new Dictionary<string, uint>(view.MinimumEpochs, StringComparer.Ordinal);
        foreach (var (clientId, before) in previous.MinimumEpochs)
        {
            if (minimums.GetValueOrDefault(clientId) < before)
            {
                problems.Add($"the registry lowered the minimum epoch of client '{clientId}'; this server keeps {before}");
                minimums[clientId] = before;
            }
        }
        var keys = new Dictionary<string, Registry.MasterKeyState>(view.MasterKeys, StringComparer.Ordinal);
        foreach (var keyIdHex in _retired)
        {
            if (keys.GetValueOrDefault(keyIdHex, Registry.MasterKeyState.Retired) != Registry.MasterKeyState.Retired)
            {
                problems.Add($"the registry no longer marks master key {keyIdHex} retired; this server keeps it retired");
            }
            keys[keyIdHex] = Registry.MasterKeyState.Retired;
        }
        foreach (var (keyIdHex, state) in keys.Where(k => k.Value == Registry.MasterKeyState.Retired))
        {
            _retired.Add(keyIdHex);
        }
        return new LifecycleView(minimums, keys);
    }

    private void LoadMissing(List<string> missing, List<string> problems)
    {
        if (ReloadRing is null)
        {
            problems.Add($"master key {string.Join(", ", missing)} is not held and the master key file cannot be read again without its "
                + "password: restart the server to load it");
            return;
        }
        IReadOnlyList<MasterSecret> reloaded;
        try
        {
            reloaded = ReloadRing();
        }
        catch (Exception e)
        {
            problems.Add($"reading the master key file again failed ({e.GetType().Name}); master key {string.Join(", ", missing)} is not held");
            return;
        }
        foreach (var key in reloaded)
        {
            if (missing.Contains(key.KeyIdHex))
            {
                Ring.Add(key);
            }
            else
            {
                key.Dispose();
            }
        }
    }

    /// <summary>
    /// Peers with a live association: their address was proven by a TCP handshake, not merely written into an
    /// envelope. A failed Hello is answered only when its sender's address is one of these, so a flood under made-up
    /// sender addresses cannot make the server dial out to them (each such dial is also a warning in Akka's log).
    /// </summary>
    public HashSet<Akka.Actor.Address> ConnectedAddresses { get; } = [];

    /// <summary>
    /// Failed Hellos from a sender whose association the key authority has not heard of yet (its event can trail the
    /// first message by a moment): answered when it is heard of within <see cref="KeyAuthority.AssociationGrace"/>,
    /// else dropped. Bounded: beyond <see cref="MaxDeferred"/> they are dropped at once.
    /// </summary>
    public Queue<(Akka.Actor.IActorRef Client, IAk1Message Answer, long AtMs)> Deferred { get; } = new();

    public const int MaxDeferred = 1000;
}
