using System.Runtime.CompilerServices;

namespace ActorKeys.Protocol.Channel;

/// <summary>
/// 32 bytes held inline in the object that owns them, with no array of their own: a record key or the chaining key
/// (secrets, zeroed by their owner when it closes), or the transcript hash (public, never zeroed). A server holds a
/// <see cref="SecureChannel"/> per idle session, and a 32-byte array costs a 24-byte header and an 8-byte reference
/// besides its bytes (see README, Performance). A key is replaced by overwriting it in place, so an old key has no
/// second home where it could be dropped without being zeroed.
/// </summary>
[InlineArray(Ak1.KeyBytes)]
internal struct ChannelKey
{
    private byte _element;

    public override readonly string ToString() => "ChannelKey(…)";
}
