namespace ActorKeys.Protocol.Channel;

public enum ChannelError
{
    /// <summary>The channel had already ended.</summary>
    Closed,
    /// <summary>The record names another session.</summary>
    WrongSession,
    /// <summary>The record's seq is not above the last accepted one.</summary>
    Replayed,
    /// <summary>The record is larger than max-message-bytes allows.</summary>
    TooLarge,
    /// <summary>The record's seq reached the limit (2^60): the session must end and a new one be made.</summary>
    SequenceExhausted,

    /// <summary>The record's tag did not verify.</summary>
    AuthenticationFailed,
    /// <summary>The record opened but its kind byte is unknown.</summary>
    UnknownKind,
    /// <summary>The record is of a generation this end does not accept (neither its current one nor, at a server, the previous).</summary>
    WrongGeneration,
    /// <summary>A known kind in the wrong place: a rekey in the wrong direction, state or generation, or a body of the wrong length.</summary>
    UnexpectedRecord,
    /// <summary>A rekey's X25519 result was all zero: the peer's new ephemeral key is of low order.</summary>
    WeakKey,
}

/// <summary>A record was refused and the channel is now closed (fail closed).</summary>
public sealed class SecureChannelException(ChannelError error)
    : Exception($"The secure channel refused a record ({error}) and is closed.")
{
    public ChannelError Error { get; } = error;
}
