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
}

/// <summary>A record was refused and the channel is now closed (fail closed).</summary>
public sealed class SecureChannelException(ChannelError error)
    : Exception($"The secure channel refused a record ({error}) and is closed.")
{
    public ChannelError Error { get; } = error;
}
