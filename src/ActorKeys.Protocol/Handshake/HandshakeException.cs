namespace ActorKeys.Protocol.Handshake;

public enum HandshakeError
{
    /// <summary>A message arrived in a state that does not expect it.</summary>
    UnexpectedMessage,
    /// <summary>The Challenge's confirmation did not verify: the server does not hold the key that issued this keystore.</summary>
    ServerNotAuthenticated,
    /// <summary>The Finish's confirmation did not verify.</summary>
    ClientNotAuthenticated,
    /// <summary>A message names a session id other than this handshake's.</summary>
    WrongSession,
    /// <summary>The peer's ephemeral key is of low order.</summary>
    WeakEphemeralKey,
}

/// <summary>
/// A handshake step failed. The server's handshake is then over; the client's stays open for the genuine Challenge
/// (see <see cref="ClientHandshake.HandleChallenge"/>). The message never holds key material.
/// </summary>
public sealed class HandshakeException(HandshakeError error, string message) : Exception(message)
{
    public HandshakeError Error { get; } = error;
}
