namespace ActorKeys.Protocol.Wire;

/// <summary>The first byte of every encoded message. Values are fixed by the wire format: never renumber.</summary>
internal enum WireTag : byte
{
    Hello = 1,
    Challenge = 2,
    Finish = 3,
    Rejected = 4,
    Sealed = 5,
    Rejected2 = 6,
}
