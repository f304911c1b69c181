namespace ActorKeys.Actors.Registry;

/// <summary>One cluster member as a node's core last saw it: no secret, only addresses, states and public keyIds.</summary>
public sealed record ClusterMemberEntry(
    string Address,
    string Status,
    bool Reachable,
    IReadOnlyList<string> KeyIds,
    bool Self,
    DateTimeOffset Updated);
