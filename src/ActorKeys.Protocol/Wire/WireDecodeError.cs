namespace ActorKeys.Protocol.Wire;

/// <summary>Why bytes from the wire are not an AK1 message. Each names a class of input, never a byte of it.</summary>
public enum WireDecodeError
{
    /// <summary>There were no bytes at all.</summary>
    Empty,
    /// <summary>The first byte is not the tag of any of the six messages.</summary>
    UnknownType,
    /// <summary>The input ends inside a field.</summary>
    Truncated,
    /// <summary>A Sealed record declares a ciphertext longer than the limits allow.</summary>
    Oversized,
    /// <summary>A whole message was read and bytes are left over.</summary>
    TrailingBytes,
    /// <summary>A field has a value no encoder produces: a client id length outside 1–64 or a server address length outside 1–255, invalid UTF-8, an undefined reject reason, a proof on a rejection that is not <c>revoked</c>, a ciphertext too short to hold a tag and a kind byte.</summary>
    InvalidField,
    /// <summary>
    /// A Hello of another protocol version: its version byte is read and nothing after it, since another version may
    /// lay its fields out differently. The server answers it with the version-1 <c>unsupported-version</c>.
    /// </summary>
    UnsupportedVersion,
}
