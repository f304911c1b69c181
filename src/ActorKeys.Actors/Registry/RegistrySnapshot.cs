using System.Collections.Frozen;

namespace ActorKeys.Actors.Registry;

/// <summary>A master key's place in its lifecycle: new keystores come from the current one; retiring ones are still accepted.</summary>
public enum MasterKeyState
{
    Current,
    Retiring,
    Retired,
}

/// <summary>One master key as the registry knows it (never the key itself).</summary>
public sealed record MasterKeyEntry(string KeyId, MasterKeyState State, DateTimeOffset Created, DateTimeOffset Changed);

/// <summary>
/// One client as <c>clients list</c> shows it. <paramref name="CurrentEpoch"/> is the highest issued;
/// <paramref name="IssuedBy"/> the keyId that issued it; revoked when the minimum is above the current epoch.
/// </summary>
public sealed record ClientEntry(
    string ClientId,
    uint CurrentEpoch,
    uint MinimumEpoch,
    DateTimeOffset Issued,
    string IssuedBy,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastChange)
{
    public bool Revoked => MinimumEpoch > CurrentEpoch;
}

/// <summary>
/// An immutable view of the registry, read in one transaction: what the server checks Hellos against (minimum valid
/// epoch per client id, accepted master keys) and what the commands list. Safe to share between actors.
/// </summary>
public sealed class RegistrySnapshot
{
    private readonly FrozenDictionary<string, ClientEntry> _clients;
    private readonly FrozenDictionary<string, uint> _minimums;

    public RegistrySnapshot(long dataVersion, IEnumerable<ClientEntry> clients, IEnumerable<KeyValuePair<string, uint>> minimums,
        IEnumerable<MasterKeyEntry> masterKeys)
    {
        DataVersion = dataVersion;
        _clients = clients.ToFrozenDictionary(c => c.ClientId, StringComparer.Ordinal);
        _minimums = minimums.ToFrozenDictionary(StringComparer.Ordinal);
        MasterKeys = masterKeys.ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal);
    }

    /// <summary>The <c>PRAGMA data_version</c> seen on the connection that read this snapshot.</summary>
    public long DataVersion { get; }

    /// <summary>The lowest epoch of <paramref name="clientId"/> still accepted; 0 for an id the registry has no row for.</summary>
    public uint MinimumEpoch(string clientId) => _minimums.TryGetValue(clientId, out var minimum) ? minimum : 0;

    /// <summary>Every client id with its minimum valid epoch.</summary>
    public IReadOnlyDictionary<string, uint> MinimumEpochs => _minimums;

    /// <summary>Every master key the registry knows, by keyId (lowercase hex).</summary>
    public IReadOnlyDictionary<string, MasterKeyEntry> MasterKeys { get; }

    /// <summary>The current master key's keyId, or null when the registry names none.</summary>
    public string? CurrentKeyId => MasterKeys.Values.FirstOrDefault(k => k.State == MasterKeyState.Current)?.KeyId;

    /// <summary>True for a current or retiring key: a Hello under it is still accepted.</summary>
    public bool Accepts(string keyIdHex) => MasterKeys.TryGetValue(keyIdHex, out var key) && key.State != MasterKeyState.Retired;

    /// <summary>Every client that was ever issued a keystore, ordered by id (ordinal).</summary>
    public IReadOnlyList<ClientEntry> Clients => [.. _clients.Values.OrderBy(c => c.ClientId, StringComparer.Ordinal)];

    public ClientEntry? Client(string clientId) => _clients.GetValueOrDefault(clientId);
}
