using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Configuration;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Hosting;

/// <summary>Opens <see cref="ClientSession"/>s in a client system, with the settings its HOCON gave.</summary>
/// <param name="nodeChoice">Picks the node each session starts at (<see cref="ChooseFirstNode"/>); null: <see cref="Random.Shared"/>.</param>
public sealed class ActorKeysClient(ActorSystem system, ClientSettings settings, Random? nodeChoice = null)
{
    private readonly Random _nodeChoice = nodeChoice ?? Random.Shared;
    private readonly Lock _choosing = new();

    public ActorSystem System { get; } = system;
    public ClientSettings Settings { get; } = settings;

    /// <summary>
    /// The index in <see cref="ClientSettings.ServerAddresses"/> of the node a new session starts at: random, so that
    /// clients started together spread over the nodes (0 with a single node).
    /// </summary>
    public int ChooseFirstNode()
    {
        if (Settings.ServerAddresses.Count <= 1)
        {
            return 0;
        }
        lock (_choosing)
        {
            // A Random given by a test is not thread-safe; Random.Shared is, and costs the same under the lock.
            return _nodeChoice.Next(Settings.ServerAddresses.Count);
        }
    }

    /// <summary>
    /// Starts a session with <paramref name="credentials"/> (the session owns them from now on and zeroes them when it
    /// stops); every <see cref="IClientEvent"/> goes to <paramref name="listener"/>. Tell the returned actor
    /// <see cref="Send"/> and <see cref="Disconnect"/>. <paramref name="firstNode"/> is the index of the server node to
    /// try first (from <see cref="ChooseFirstNode"/>, when the caller needs to know it beforehand); null chooses one.
    /// </summary>
    public IActorRef Connect(ClientCredentials credentials, IActorRef listener, int? firstNode = null) =>
        System.ActorOf(ClientSession.Props(Options(credentials, listener, firstNode)), UnguessableName());

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
    /// <c>client-</c> and 128 random bits (base64url): a stranger who cannot name the client actor cannot send it a forged
    /// Rejected, Challenge or DeathWatchNotification (the prefix is on <c>actorkeys.inbound.watchable-paths</c>).
    /// </summary>
    public static string UnguessableName() =>
        Text.UnguessableName.From("client-", global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(Text.UnguessableName.RandomBytes));

    /// <summary>The options of a new session; <paramref name="firstNode"/> as for <see cref="Connect(ClientCredentials, IActorRef, int?)"/>.</summary>
    public ClientSessionOptions Options(ClientCredentials credentials, IActorRef listener, int? firstNode = null) =>
        new(credentials, Settings.ServerAddress, Settings.HandshakeTimeout, Settings.MaxMessageBytes, listener)
        {
            Reconnect = Settings.Reconnect,
            Rekey = Settings.Rekey,
            ServerAddresses = Settings.ServerAddresses,
            FirstNode = firstNode ?? ChooseFirstNode(),
        };
}
