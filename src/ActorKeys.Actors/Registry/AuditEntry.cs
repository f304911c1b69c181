namespace ActorKeys.Actors.Registry;

/// <summary>What an audit row records; the registry's text for each is <see cref="AuditActions.Name"/>.</summary>
public enum AuditAction
{
    Init,
    Issue,
    Revoke,
    Rotate,
    MasterRotate,
    MasterRetire,
    /// <summary>A minimum epoch raised on another node of the cluster, recorded here so this node's registry tells it too.</summary>
    ClusterRevoke,
}

/// <summary>The names audit rows carry in the database (and in <c>--json</c> output).</summary>
public static class AuditActions
{
    public static string Name(AuditAction action) => action switch
    {
        AuditAction.Init => "init",
        AuditAction.Issue => "issue",
        AuditAction.Revoke => "revoke",
        AuditAction.Rotate => "rotate",
        AuditAction.MasterRotate => "master-rotate",
        AuditAction.MasterRetire => "master-retire",
        AuditAction.ClusterRevoke => "cluster-revoke",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

/// <summary>One row of the append-only audit log. <paramref name="At"/> is UTC; the others are null when they do not apply.</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Action, string? ClientId, uint? Epoch, string? KeyId);
