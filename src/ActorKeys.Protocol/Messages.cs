namespace ActorKeys.Protocol;

/// <summary>
/// Marker of the five AK1 wire messages. The actor layer binds its own serializer to this interface, so
/// nothing else is ever accepted from the wire.
/// </summary>
public interface IAk1Message;

/// <summary>C → S: the first handshake message. <see cref="Binder"/> proves possession of A.</summary>
public sealed record Hello(
    byte Version,
    string ClientId,
    uint Epoch,
    byte[] KeyId,
    ulong TimeMs,
    byte[] ClientNonce,
    byte[] ClientEphemeral,
    byte[] Binder) : IAk1Message;

/// <summary>S → C: the server's ephemeral key and its key confirmation.</summary>
public sealed record Challenge(byte[] SessionId, byte[] ServerNonce, byte[] ServerEphemeral, byte[] ConfirmServer) : IAk1Message;

/// <summary>C → S: the client's key confirmation; after it the server accepts data.</summary>
public sealed record Finish(byte[] SessionId, byte[] ConfirmClient) : IAk1Message;

/// <summary>S → C: the handshake was refused, for one of the spec's reasons and nothing more.</summary>
public sealed record Rejected(RejectReason Reason) : IAk1Message;

/// <summary>Either direction: one encrypted record of an established session.</summary>
public sealed record Sealed(byte[] SessionId, ulong Seq, byte[] Ciphertext) : IAk1Message;
