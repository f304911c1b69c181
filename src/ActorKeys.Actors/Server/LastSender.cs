using System.Reflection;
using Akka.Actor;

namespace ActorKeys.Actors.Server;

/// <summary>
/// Akka's actor cell keeps the sender of the last message it handled until the next message comes: its <c>Invoke</c> sets
/// <see cref="ActorCell.Sender"/> and never clears it (only its test path does). An idle session's last message is its
/// client's Finish or last record, whose sender was resolved afresh from the wire: a <c>RemoteActorRef</c> of its own with
/// its path and name strings, about 290 B held for as long as the session stays idle (see README, Performance).
/// <see cref="Forget"/> sets it to dead letters, as Akka's <c>ReceiveMessageForTest</c> does after each message.
/// </summary>
/// <remarks>
/// Messages Akka handles itself without the actor's receive (<c>Identify</c>, <c>PoisonPill</c>, <c>Kill</c>, a
/// selection's envelope) still leave their sender in the cell; only a peer that can name the session sends those.
/// </remarks>
internal static class LastSender
{
    /// <summary>The cell's private setter, found once; null when this Akka version has no such setter (the sender is then kept).</summary>
    private static readonly Action<ActorCell, IActorRef>? SetSender = FindSetter();

    /// <summary>True when this Akka version lets the sender be forgotten (IdleSessionFootprintTests holds the project to it).</summary>
    public static bool Supported => SetSender is not null;

    /// <summary>Call at the end of handling a message, on the actor's own thread.</summary>
    public static void Forget(IActorContext context)
    {
        if (SetSender is not null && context is ActorCell cell)
        {
            SetSender(cell, cell.System.DeadLetters);
        }
    }

    /// <summary>
    /// Any change in Akka's cell (no such property, another type, another setter) leaves this null rather than failing:
    /// a session would then only keep one reference longer, where a failing type initializer would stop every session.
    /// </summary>
    private static Action<ActorCell, IActorRef>? FindSetter()
    {
        try
        {
            var property = typeof(ActorCell).GetProperty(nameof(ActorCell.Sender), BindingFlags.Instance | BindingFlags.Public);
            return property?.PropertyType == typeof(IActorRef)
                ? property.GetSetMethod(nonPublic: true)?.CreateDelegate<Action<ActorCell, IActorRef>>()
                : null;
        }
        catch (Exception e) when (e is AmbiguousMatchException or ArgumentException or MemberAccessException)
        {
            return null;
        }
    }
}
