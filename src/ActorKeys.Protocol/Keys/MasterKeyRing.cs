namespace ActorKeys.Protocol.Keys;

/// <summary>
/// The master keys a server node accepts (PROTOCOL.md, version 2, item 8): one <see cref="Current"/> key, under which new
/// keystores are issued, and any number of retiring ones still accepted for Hellos. A Hello's <c>keyId</c> picks the key.
/// A retired key is removed whatever its place, the current one included: the node then has no current key until the
/// registry names one it holds.
/// Owns its keys: <see cref="Retire"/> and <see cref="Dispose"/> zero them. Not thread-safe: one actor owns it.
/// </summary>
public sealed class MasterKeyRing : IDisposable
{
    private readonly List<MasterSecret> _keys = [];

    /// <summary>A ring of <paramref name="current"/> alone.</summary>
    public MasterKeyRing(MasterSecret current)
    {
        ArgumentNullException.ThrowIfNull(current);
        _keys.Add(current);
        Current = current;
    }

    /// <summary>The key new keystores are issued under; null once it was retired and no other was made current.</summary>
    public MasterSecret? Current { get; private set; }

    /// <summary>Every accepted key, the current one included.</summary>
    public IReadOnlyList<MasterSecret> Keys => _keys;

    /// <summary>The accepted key whose keyId is <paramref name="keyId"/>, or null (the Hello then gets <c>wrong-server</c>).</summary>
    public MasterSecret? Find(ReadOnlySpan<byte> keyId)
    {
        foreach (var key in _keys)
        {
            if (keyId.SequenceEqual(key.KeyId))
            {
                return key;
            }
        }
        return null;
    }

    public bool Holds(string keyIdHex) => _keys.Any(k => k.KeyIdHex == keyIdHex);

    /// <summary>Accepts <paramref name="key"/> too (taking ownership); a key already held is disposed and ignored.</summary>
    public void Add(MasterSecret key)
    {
        if (Find(key.KeyId) is not null)
        {
            key.Dispose();
            return;
        }
        _keys.Add(key);
    }

    /// <summary>Makes the held key <paramref name="keyIdHex"/> the current one; the previous current one becomes retiring.</summary>
    public bool MakeCurrent(string keyIdHex)
    {
        var key = _keys.FirstOrDefault(k => k.KeyIdHex == keyIdHex);
        if (key is null)
        {
            return false;
        }
        Current = key;
        return true;
    }

    /// <summary>
    /// Stops accepting <paramref name="keyIdHex"/> and zeroes it, even the current key (a retirement must never be
    /// refused quietly: sessions under the key would live on). False when the ring does not hold it.
    /// </summary>
    public bool Retire(string keyIdHex)
    {
        var key = _keys.FirstOrDefault(k => k.KeyIdHex == keyIdHex);
        if (key is null)
        {
            return false;
        }
        _keys.Remove(key);
        if (ReferenceEquals(key, Current))
        {
            Current = null;
        }
        key.Dispose();
        return true;
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    public override string ToString() => $"MasterKeyRing(current={Current?.KeyIdHex ?? "none"}, {_keys.Count} accepted)";
}
