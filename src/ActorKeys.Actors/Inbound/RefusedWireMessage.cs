using Akka.Event;

namespace ActorKeys.Actors.Inbound;

/// <summary>
/// What a refused inbound message becomes. The serializers hand this marker on instead of throwing: Akka.Remote
/// logs a warning for every payload that fails to deserialize (and a refused system message would fail the
/// association's reader), so throwing would let any peer turn a flood of junk into a flood of log lines. Actors
/// ignore it, except that a session ends when its own client sends a malformed record (fail closed) and the key
/// authority answers a malformed Hello with <c>protocol-violation</c>. It is never logged as a dead letter.
/// </summary>
public sealed class RefusedWireMessage : IDeadLetterSuppression
{
    /// <summary>Anything that is not a malformed AK1 message: a foreign type, a refused Akka message.</summary>
    public static readonly RefusedWireMessage Foreign = new(null);

    /// <summary>A Hello of another protocol version: the key authority answers it with the version-1 <c>unsupported-version</c>.</summary>
    public static readonly RefusedWireMessage OtherVersionHello = new("H", otherVersion: true);

    private RefusedWireMessage(string? ak1Manifest, bool otherVersion = false)
    {
        Ak1Manifest = ak1Manifest;
        IsOtherVersionHello = otherVersion;
    }

    /// <summary>True for <see cref="OtherVersionHello"/>.</summary>
    public bool IsOtherVersionHello { get; }

    /// <summary>The AK1 manifest the frame claimed (<c>H</c>, <c>S</c>, …) when it was a malformed AK1 message.</summary>
    public string? Ak1Manifest { get; }

    /// <summary>A frame that claimed to be an AK1 message of <paramref name="manifest"/> and did not decode.</summary>
    public static RefusedWireMessage MalformedAk1(string manifest) => new(manifest);

    public override string ToString() => Ak1Manifest is null ? "RefusedWireMessage" : $"RefusedWireMessage(AK1 {Ak1Manifest})";
}
