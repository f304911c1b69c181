using Akka.Actor;
using ActorKeys.Protocol.Channel;

namespace ActorKeys.Actors.Core;

/// <summary>
/// Core → edge key authority: whether this node is a member of its cluster. A node downed out of it stops serving
/// (Hellos answered busy, so clients go to another node) until its new core has joined again.
/// </summary>
public sealed record NodeMembership(bool Serving);

/// <summary>Core → edge session manager: close every session with this reason (a node leaving its cluster: reason 3).</summary>
public sealed record EndAllSessions(CloseReason Reason);

/// <summary>Core node → the edge's core link: the core (re)started and this is its lifecycle replicator.</summary>
public sealed record CoreStarted(IActorRef Replicator);
