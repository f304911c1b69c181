using Akka.Actor;
using Akka.Serialization;

namespace ActorKeys.Reliability.Tests.Support;

/// <summary>A message a stranger sends under a serializer identifier the server does not have.</summary>
public sealed record UnknownIdMessage(int N);

/// <summary>Writes <see cref="UnknownIdMessage"/> under identifier 4242, which no ActorKeys system registers.</summary>
public sealed class UnknownIdSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => 4242;

    public override byte[] ToBinary(object obj) => BitConverter.GetBytes(((UnknownIdMessage)obj).N);

    public override string Manifest(object o) => "U";

    public override object FromBinary(byte[] bytes, string manifest) => new UnknownIdMessage(BitConverter.ToInt32(bytes));
}
