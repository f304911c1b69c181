using Akka.Actor;

namespace ActorKeys.Actors.Supervision;

/// <summary>
/// Supervision for /user actors. Akka.NET delivers a remote <see cref="Kill"/> even in untrusted mode (it is
/// not <c>IPossiblyHarmful</c>), and the default strategy would stop the killed actor: one message from any
/// peer could take down the KeyAuthority. Resuming keeps the actor and its state; any other failure gets the
/// default treatment.
/// </summary>
public sealed class KillResistantGuardianStrategy : SupervisorStrategyConfigurator
{
    public override SupervisorStrategy Create() => KillResistant.Strategy;
}

public static class KillResistant
{
    /// <summary>Resume on <see cref="ActorKilledException"/>; otherwise as Akka's default decider.</summary>
    public static readonly SupervisorStrategy Strategy = new QuietOnKill(Decide);

    /// <summary>Resume on <see cref="ActorKilledException"/>; stop on anything else (a failed session must not come back with lost keys).</summary>
    public static readonly SupervisorStrategy StopOnFailure = new QuietOnKill(
        ex => ex is ActorKilledException ? Directive.Resume : Directive.Stop);

    private static Directive Decide(Exception ex) =>
        ex is ActorKilledException ? Directive.Resume : SupervisorStrategy.DefaultDecider.Decide(ex);

    /// <summary>
    /// Logs every failure but a resumed Kill: any peer can send Kills as fast as it likes, and each logged one
    /// would be a log line it chose to write.
    /// </summary>
    private sealed class QuietOnKill(Func<Exception, Directive> decide) : OneForOneStrategy(decide)
    {
        protected override void LogFailure(IActorContext context, IActorRef child, Exception cause, Directive directive)
        {
            if (cause is not ActorKilledException)
            {
                base.LogFailure(context, child, cause, directive);
            }
        }
    }
}
