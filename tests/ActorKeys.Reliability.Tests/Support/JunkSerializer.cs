using Akka.Actor;
using Akka.Serialization;
using ActorKeys.Actors.Serialization;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Wire;

namespace ActorKeys.Reliability.Tests.Support;

/// <summary>Raw bytes an attacker claims are an AK1 message of the type <see cref="Manifest"/> names.</summary>
public sealed record JunkFrame(byte[] Bytes, string Manifest);

/// <summary>
/// An attacker's serializer under the AK1 serializer's identifier: it sends real AK1 messages and, just as
/// easily, <see cref="JunkFrame"/>s of arbitrary bytes, so the server's <see cref="Ak1Serializer"/> has to decode
/// whatever arrives. It reads replies with the real codec.
/// </summary>
public sealed class JunkSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => Ak1Serializer.SerializerId;

    public override byte[] ToBinary(object obj) => obj is JunkFrame junk ? junk.Bytes : WireCodec.Encode((IAk1Message)obj);

    public override string Manifest(object o) => o switch
    {
        JunkFrame junk => junk.Manifest,
        Hello => "H",
        Challenge => "C",
        Finish => "F",
        Rejected => "R",
        _ => "S",
    };

    public override object FromBinary(byte[] bytes, string manifest) =>
        WireCodec.TryDecode(bytes, out var message, out _) ? message! : new JunkFrame(bytes, manifest);
}
