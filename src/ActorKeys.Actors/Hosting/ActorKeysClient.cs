using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Configuration;

namespace ActorKeys.Actors.Hosting;

/// <summary>Opens <see cref="ClientSession"/>s in a client system, with the settings its HOCON gave.</summary>
public sealed class ActorKeysClient(ActorSystem system, ClientSettings settings)
{
    public ActorSystem System { get; } = system;
    public ClientSettings Settings { get; } = settings;

    /// <summary>
    /// Starts a session for <paramref name="clientId"/>: its keystore is loaded from the configured folder and every
    /// <see cref="IClientEvent"/> goes to <paramref name="listener"/>. Tell the returned actor <see cref="Send"/>
    /// and <see cref="Disconnect"/>.
    /// </summary>
    public IActorRef Connect(string clientId, IActorRef listener, Func<string>? password = null) =>
        System.ActorOf(ClientSession.Props(Options(clientId, listener) with { Password = password }), UnguessableName());

    /// <summary>
    /// <c>client-</c> and 128 random bits: a stranger who cannot name the client actor cannot send it a forged
    /// Rejected, Challenge or DeathWatchNotification (the prefix is on <c>actorkeys.inbound.watchable-paths</c>).
    /// </summary>
    public static string UnguessableName() =>
        "client-" + Convert.ToHexStringLower(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public ClientSessionOptions Options(string clientId, IActorRef listener) =>
        new(clientId, Settings.KeystoreFolder, Settings.ServerAddress, Settings.HandshakeTimeout, Settings.MaxMessageBytes, listener)
        {
            Reconnect = Settings.Reconnect,
        };
}
