namespace ActorKeys.Actors.Serialization;

/// <summary>
/// What a refused inbound message becomes. The serializers hand this marker on instead of throwing: Akka.Remote
/// logs a warning for every payload that fails to deserialize, so throwing would let any peer turn a flood of
/// junk into a flood of log lines. No actor handles it; the refusal is reported once, as a
/// <see cref="WireMessageRefused"/> event.
/// </summary>
public sealed class RefusedWireMessage
{
    public static readonly RefusedWireMessage Instance = new();

    private RefusedWireMessage()
    {
    }

    public override string ToString() => "RefusedWireMessage";
}
