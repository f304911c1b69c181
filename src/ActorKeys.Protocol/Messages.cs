using ActorKeys.Protocol.Values;

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
    KeyId KeyId,
    ulong TimeMs,
    Nonce ClientNonce,
    PublicKey ClientEphemeral,
    Mac Binder) : IAk1Message;

/// <summary>S → C: the server's ephemeral key and its key confirmation.</summary>
public sealed record Challenge(SessionId SessionId, Nonce ServerNonce, PublicKey ServerEphemeral, Mac ConfirmServer) : IAk1Message;

/// <summary>C → S: the client's key confirmation; after it the server accepts data.</summary>
public sealed record Finish(SessionId SessionId, Mac ConfirmClient) : IAk1Message;

/// <summary>S → C: the handshake was refused, for one of the spec's reasons and nothing more.</summary>
public sealed record Rejected(RejectReason Reason) : IAk1Message;

/// <summary>Either direction: one encrypted record of an established session.</summary>
public sealed record Sealed(SessionId SessionId, ulong Seq, byte[] Ciphertext) : IAk1Message;
