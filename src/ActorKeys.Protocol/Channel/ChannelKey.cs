using System.Runtime.CompilerServices;

namespace ActorKeys.Protocol.Channel;

/// <summary>
/// A 32-byte secret (a record key or the chaining key) held inline in the object that owns it, with no array of its own:
/// a server holds a <see cref="SecureChannel"/> per idle session, and a 32-byte array costs a 24-byte header and an
/// 8-byte reference besides its key (see README, Performance). Replaced by overwriting it in place, so an old key has no
/// second home where it could be dropped without being zeroed; its owner zeroes it when it closes.
/// </summary>
[InlineArray(Ak1.KeyBytes)]
internal struct ChannelKey
{
    private byte _element;

    public override readonly string ToString() => "ChannelKey(…)";
}
