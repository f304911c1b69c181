namespace ActorKeys.Actors.Registry;

/// <summary>
/// Sent by the <see cref="RegistryWatcher"/> to its subscribers when another process changed the registry. Local only:
/// not an <c>IAk1Message</c> and bound to no serializer, so no peer can send one.
/// </summary>
public sealed record RegistryChanged(RegistrySnapshot Snapshot);

/// <summary>
/// Published on the server's event stream (local only) when the cluster agreed on minimum epochs: the registry watcher
/// records the raised ones in this node's registry, so its <c>clients list</c> shows what every node enforces.
/// </summary>
public sealed record ReplicatedMinimums(IReadOnlyDictionary<string, uint> Minimums);

/// <summary>Tell the <see cref="RegistryWatcher"/> that a session of this client id was established (last seen). Local only.</summary>
public sealed record ClientSeen(string ClientId);

/// <summary>Ask the <see cref="RegistryWatcher"/> for the snapshot it holds; answered with <see cref="RegistryChanged"/>. Local only.</summary>
public sealed class GetRegistrySnapshot
{
    public static readonly GetRegistrySnapshot Instance = new();

    private GetRegistrySnapshot()
    {
    }
}
