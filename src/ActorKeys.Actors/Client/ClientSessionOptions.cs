using Akka.Actor;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Client;

/// <summary>
/// How one <see cref="ClientSession"/> connects. <see cref="Credentials"/> were loaded from the keystore before the
/// session started (by <see cref="Hosting.ActorKeysClient"/> or the CLI, so that Argon2id never runs on an actor's
/// thread and a key-file error is reported where it happened); the session owns them and zeroes them when it stops.
/// </summary>
/// <param name="ServerAddress">The server node: the only one when <see cref="ServerAddresses"/> is empty.</param>
public sealed record ClientSessionOptions(
    ClientCredentials Credentials,
    string ServerAddress,
    TimeSpan HandshakeTimeout,
    int MaxMessageBytes,
    IActorRef Listener)
{
    public ReconnectPolicy Reconnect { get; init; } = ReconnectPolicy.Default;
    public Configuration.RekeySettings Rekey { get; init; } = Configuration.RekeySettings.Default;
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Several server nodes (full Akka addresses) sharing one master key and registry; when not empty it replaces
    /// <see cref="ServerAddress"/>. The session starts at <see cref="FirstNode"/> and moves round robin from there.
    /// </summary>
    public IReadOnlyList<string> ServerAddresses { get; init; } = [];

    /// <summary>The index in <see cref="Nodes"/> of the node tried first (<see cref="Hosting.ActorKeysClient"/> picks it at random).</summary>
    public int FirstNode { get; init; }

    /// <summary>Every node this session may use: <see cref="ServerAddresses"/>, or <see cref="ServerAddress"/> alone.</summary>
    public IReadOnlyList<string> Nodes => ServerAddresses.Count > 0 ? ServerAddresses : [ServerAddress];

    public string ClientId => Credentials.ClientId;

    public override string ToString() => $"ClientSessionOptions({ClientId} to {string.Join(", ", Nodes)})";
}
