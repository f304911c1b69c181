namespace ActorKeys.Protocol.Wire;

/// <summary>
/// Bytes from the wire are not an AK1 message. The message names the message type and field, never the
/// input's bytes: the input is untrusted and may be logged.
/// </summary>
public sealed class WireDecodeException(WireDecodeError error, string message) : Exception(message)
{
    public WireDecodeError Error { get; } = error;
}
