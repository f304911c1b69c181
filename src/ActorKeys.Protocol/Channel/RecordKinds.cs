namespace ActorKeys.Protocol.Channel;

public enum ChannelRole
{
    Client,
    Server,
}

/// <summary>The first plaintext byte of a record (PROTOCOL.md, version 2, item 6). Values are fixed by the spec.</summary>
public enum RecordKind : byte
{
    Data = 1,
    /// <summary>Body: one byte, a <see cref="CloseReason"/>.</summary>
    Close = 2,
    /// <summary>Client to server only. Body: the client's new ephemeral public key and a nonce, 64 bytes.</summary>
    Rekey = 3,
    /// <summary>Server to client only. Body: the server's new ephemeral public key, 32 bytes.</summary>
    RekeyAck = 4,
}

/// <summary>Why a session was closed: the one byte of a close record's body.</summary>
public enum CloseReason : byte
{
    Normal = 0,
    /// <summary>The client's epoch (or the master key it was issued under) is no longer accepted.</summary>
    Revoked = 1,
    /// <summary>The current key generation is older than <c>reject-after</c>, or a rekey was not answered in time.</summary>
    Expired = 2,
    /// <summary>The server is shutting down or leaving its cluster.</summary>
    ServerShutdown = 3,
}

/// <summary>
/// A record that opened: its kind and body. For <see cref="RecordKind.Close"/> the body is its one reason byte, also in
/// <see cref="CloseReason"/>; for the rekey kinds the channel has consumed the body and it is empty.
/// </summary>
public readonly record struct OpenedRecord(RecordKind Kind, byte[] Body)
{
    public CloseReason? CloseReason => Kind == RecordKind.Close ? (CloseReason)Body[0] : null;
}

/// <summary>A record that opened, its body decoded as UTF-8 text when it is data (empty for any other kind).</summary>
public readonly record struct OpenedText(RecordKind Kind, string Text, CloseReason? CloseReason = null);
