using ActorKeys.Protocol.Values;

namespace ActorKeys.Protocol;

/// <summary>
/// Marker of the six AK1 wire messages. The actor layer binds its own serializer to this interface, so
/// nothing else is ever accepted from the wire.
/// </summary>
public interface IAk1Message;

/// <summary>
/// C → S: the first handshake message. <see cref="Binder"/> proves possession of A; <see cref="Server"/> is the server
/// node's address as the client addressed it (<c>akka.tcp://actorkeys-server@host:port</c>), so a Hello captured on one
/// node is refused by every other before any key work.
/// </summary>
public sealed record Hello(
    byte Version,
    string ClientId,
    uint Epoch,
    KeyId KeyId,
    string Server,
    ulong TimeMs,
    Nonce ClientNonce,
    PublicKey ClientEphemeral,
    Mac Binder) : IAk1Message;

/// <summary>S → C: the server's ephemeral key and its key confirmation.</summary>
public sealed record Challenge(SessionId SessionId, Nonce ServerNonce, PublicKey ServerEphemeral, Mac ConfirmServer) : IAk1Message;

/// <summary>C → S: the client's key confirmation; after it the server accepts data.</summary>
public sealed record Finish(SessionId SessionId, Mac ConfirmClient) : IAk1Message;

/// <summary>
/// S → C: the version-1 rejection layout. A version-2 server sends it only to answer a Hello of another version with
/// <see cref="RejectReason.UnsupportedVersion"/>, so that an old client can read it; it names no attempt.
/// </summary>
public sealed record Rejected(RejectReason Reason) : IAk1Message;

/// <summary>
/// S → C: a version-2 rejection, bound to one attempt by the client nonce of the Hello it answers (for a refused Finish,
/// that session's Hello). <see cref="Proof"/> is zero except for <see cref="RejectReason.Revoked"/>.
/// </summary>
public sealed record Rejected2(RejectReason Reason, Nonce ClientNonce, RevocationProof Proof) : IAk1Message;

/// <summary>Either direction: one encrypted record of an established session, under key generation <see cref="Generation"/>.</summary>
public sealed record Sealed(SessionId SessionId, uint Generation, ulong Seq, byte[] Ciphertext) : IAk1Message;
