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
    public static readonly SupervisorStrategy Strategy = new OneForOneStrategy(Decide);

    /// <summary>Resume on <see cref="ActorKilledException"/>; stop on anything else (a failed session must not come back with lost keys).</summary>
    public static readonly SupervisorStrategy StopOnFailure = new OneForOneStrategy(
        ex => ex is ActorKilledException ? Directive.Resume : Directive.Stop);

    private static Directive Decide(Exception ex) =>
        ex is ActorKilledException ? Directive.Resume : SupervisorStrategy.DefaultDecider.Decide(ex);
}
