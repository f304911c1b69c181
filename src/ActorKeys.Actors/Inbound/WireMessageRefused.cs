namespace ActorKeys.Actors.Inbound;

/// <summary>
/// Published on the event stream whenever an inbound message is refused before it reaches an actor. Nothing logs
/// it: a peer decides how many there are. <see cref="InboundRefusals"/> counts them.
/// </summary>
public sealed record WireMessageRefused(int SerializerId, string Reason);
