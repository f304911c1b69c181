using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Configuration;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Hosting;

/// <summary>Opens <see cref="ClientSession"/>s in a client system, with the settings its HOCON gave.</summary>
public sealed class ActorKeysClient(ActorSystem system, ClientSettings settings)
{
    public ActorSystem System { get; } = system;
    public ClientSettings Settings { get; } = settings;

    /// <summary>
    /// Starts a session with <paramref name="credentials"/> (the session owns them from now on and zeroes them when it
    /// stops); every <see cref="IClientEvent"/> goes to <paramref name="listener"/>. Tell the returned actor
    /// <see cref="Send"/> and <see cref="Disconnect"/>.
    /// </summary>
    public IActorRef Connect(ClientCredentials credentials, IActorRef listener) =>
        System.ActorOf(ClientSession.Props(Options(credentials, listener)), UnguessableName());

    /// <summary>
    /// Loads <paramref name="clientId"/>'s keystore from the configured folder (on the caller's thread: a protected
    /// one costs an Argon2id hash) and starts its session. Throws <see cref="KeyFileException"/> when the keystore
    /// cannot be used; nothing is started then.
    /// </summary>
    public IActorRef Connect(string clientId, IActorRef listener, Func<string>? password = null) =>
        Connect(LoadCredentials(clientId, password), listener);

    /// <summary><c>&lt;keystore-folder&gt;/keystore_id_&lt;id&gt;.json</c>, loaded and checked; the caller owns the result.</summary>
    public ClientCredentials LoadCredentials(string clientId, Func<string>? password = null) =>
        KeystoreFile.Load(KeystorePath(clientId), clientId, password);

    public string KeystorePath(string clientId) => Path.Combine(Settings.KeystoreFolder, KeystoreFile.FileName(clientId));

    /// <summary>
    /// <c>client-</c> and 128 random bits: a stranger who cannot name the client actor cannot send it a forged
    /// Rejected, Challenge or DeathWatchNotification (the prefix is on <c>actorkeys.inbound.watchable-paths</c>).
    /// </summary>
    public static string UnguessableName() =>
        "client-" + Convert.ToHexStringLower(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public ClientSessionOptions Options(ClientCredentials credentials, IActorRef listener) =>
        new(credentials, Settings.ServerAddress, Settings.HandshakeTimeout, Settings.MaxMessageBytes, listener)
        {
            Reconnect = Settings.Reconnect,
            Rekey = Settings.Rekey,
        };
}
