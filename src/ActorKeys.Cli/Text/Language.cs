namespace ActorKeys.Cli.Text;

/// <summary>The languages actorkeys speaks to people in.</summary>
public enum Language
{
    English,

    /// <summary>European Portuguese (pt-PT).</summary>
    Portuguese,
}
