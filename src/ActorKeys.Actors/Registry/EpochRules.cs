namespace ActorKeys.Actors.Registry;

/// <summary>
/// The epoch arithmetic of PROTOCOL.md "AK1 version 2" item 7, as pure functions: a client id with no row has
/// minimum 0; <c>revoke</c> sets the minimum to the highest issued epoch + 1; an issue (first or rotate) gets
/// <c>e = max(highest issued + 1, minimum)</c> (0 for a fresh id) and a rotate sets the minimum to <c>e</c>.
/// Null results mean the epochs (u32) are used up.
/// </summary>
public static class EpochRules
{
    /// <summary>The epoch of the next issue; null when <paramref name="highestIssued"/> is already <see cref="uint.MaxValue"/>.</summary>
    public static uint? NextIssue(uint? highestIssued, uint minimum)
    {
        if (highestIssued is not { } highest)
        {
            return minimum;
        }
        return highest == uint.MaxValue ? null : Math.Max(highest + 1, minimum);
    }

    /// <summary>The minimum after a revoke; null when no higher epoch could ever be issued.</summary>
    public static uint? MinimumAfterRevoke(uint highestIssued) => highestIssued == uint.MaxValue ? null : highestIssued + 1;
}
