using System.Collections.Frozen;
using ActorKeys.Actors.Registry;

namespace ActorKeys.Actors.Server;

/// <summary>
/// What the key lifecycle says at one moment, as the server's actors need it: each client's minimum valid epoch and each
/// master key's state. Immutable, so that every session can read the one the key authority last published.
/// </summary>
public sealed class LifecycleView
{
    public static readonly LifecycleView Empty = new(FrozenDictionary<string, uint>.Empty, FrozenDictionary<string, MasterKeyState>.Empty);

    public LifecycleView(IReadOnlyDictionary<string, uint> minimumEpochs, IReadOnlyDictionary<string, MasterKeyState> masterKeys)
    {
        MinimumEpochs = minimumEpochs.ToFrozenDictionary(StringComparer.Ordinal);
        MasterKeys = masterKeys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Client id → minimum valid epoch; an id with no entry has minimum 0.</summary>
    public FrozenDictionary<string, uint> MinimumEpochs { get; }

    /// <summary>Master keyId (lowercase hex) → state.</summary>
    public FrozenDictionary<string, MasterKeyState> MasterKeys { get; }

    public uint MinimumEpoch(string clientId) => MinimumEpochs.GetValueOrDefault(clientId);

    public MasterKeyState? StateOf(string keyIdHex) => MasterKeys.TryGetValue(keyIdHex, out var state) ? state : null;

    /// <summary>
    /// This node's registry and what the cluster agreed on, together: for each client the higher minimum epoch, for each
    /// master key the later state (current, then retiring, then retired). Neither half can lower the other.
    /// </summary>
    public static LifecycleView Merge(LifecycleView local, LifecycleView replicated)
    {
        var minimums = new Dictionary<string, uint>(local.MinimumEpochs, StringComparer.Ordinal);
        foreach (var (clientId, epoch) in replicated.MinimumEpochs)
        {
            minimums[clientId] = Math.Max(epoch, minimums.GetValueOrDefault(clientId));
        }
        var keys = new Dictionary<string, MasterKeyState>(local.MasterKeys, StringComparer.Ordinal);
        foreach (var (keyId, state) in replicated.MasterKeys)
        {
            keys[keyId] = keys.TryGetValue(keyId, out var mine) && mine > state ? mine : state;
        }
        return new LifecycleView(minimums, keys);
    }

    /// <summary>What the server needs of a registry snapshot.</summary>
    public static LifecycleView From(RegistrySnapshot snapshot) =>
        new(snapshot.MinimumEpochs, snapshot.MasterKeys.ToDictionary(k => k.Key, k => k.Value.State, StringComparer.Ordinal));
}

/// <summary>KeyAuthority → SessionManager: end every session this lifecycle no longer allows (close reason revoked).</summary>
public sealed record EndRevokedSessions(LifecycleView View, IReadOnlySet<string> AcceptedKeyIds);

/// <summary>Anyone (the registry watcher, a test) → KeyAuthority: the lifecycle changed. Local only: no serializer is bound to it.</summary>
public sealed record LifecycleChanged(LifecycleView View);

/// <summary>
/// The lifecycle as the key authority last applied it, shared with every session for the check at each rekey. Written by
/// the key authority only; read from any session's thread.
/// </summary>
public sealed class LifecycleHolder
{
    private volatile Snapshot _current = new(LifecycleView.Empty, FrozenSet<string>.Empty);

    public Snapshot Current => _current;

    /// <summary>Raised (on the key authority's thread) when the set of accepted keyIds changed: the core republishes what this node holds.</summary>
    public event Action? AcceptedKeysChanged;

    public void Publish(LifecycleView view, IEnumerable<string> acceptedKeyIds)
    {
        var previous = _current.AcceptedKeyIds;
        _current = new Snapshot(view, acceptedKeyIds.ToFrozenSet(StringComparer.Ordinal));
        if (!previous.SetEquals(_current.AcceptedKeyIds))
        {
            AcceptedKeysChanged?.Invoke();
        }
    }

    /// <summary>The view and the keyIds the node accepts now (every key of its ring).</summary>
    public sealed record Snapshot(LifecycleView View, FrozenSet<string> AcceptedKeyIds)
    {
        /// <summary>True when a session of <paramref name="clientId"/> at <paramref name="epoch"/> under <paramref name="keyIdHex"/> may go on.</summary>
        public bool Allows(string clientId, uint epoch, string keyIdHex) =>
            epoch >= View.MinimumEpoch(clientId) && AcceptedKeyIds.Contains(keyIdHex);
    }
}
