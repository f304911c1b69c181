namespace ActorKeys.Actors.Serialization;

/// <summary>Published on the event stream whenever an inbound message is refused before it reaches an actor.</summary>
public sealed record WireMessageRefused(int SerializerId, string Reason);
