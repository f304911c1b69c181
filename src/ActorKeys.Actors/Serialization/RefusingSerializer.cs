using System.Runtime.Serialization;
using Akka.Actor;

namespace ActorKeys.Actors.Serialization;

/// <summary>
/// Stands in for Akka's default JSON serializer under the same identifier (1). JSON from the wire would let
/// an untrusted peer name any .NET type for this process to construct; ActorKeys speaks only AK1, so this
/// serializer constructs nothing: inbound JSON becomes <see cref="RefusedWireMessage"/> (and is reported as
/// <see cref="WireMessageRefused"/>),
/// and an attempt to send an unbound type fails loudly instead of leaking it as JSON.
/// </summary>
public sealed class RefusingSerializer : Akka.Serialization.Serializer
{
    public RefusingSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    /// <summary>Akka passes the replaced JSON serializer's settings section; there is nothing in it to use.</summary>
    public RefusingSerializer(ExtendedActorSystem system, Akka.Configuration.Config settings) : base(system)
    {
    }

    /// <summary>The identifier of Akka.NET's default JSON serializer, which this one replaces.</summary>
    public const int JsonSerializerId = 1;

    public override int Identifier => JsonSerializerId;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException(
            $"{obj.GetType().FullName} has no serializer binding; ActorKeys sends only AK1 messages between systems.");

    public override object FromBinary(byte[] bytes, Type type)
    {
        system.EventStream.Publish(new WireMessageRefused(JsonSerializerId, "JSON is not accepted from the wire"));
        return RefusedWireMessage.Instance;
    }
}
