using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorKeys.Actors.Inbound;

/// <summary>
/// Stands in for a serializer that ActorKeys never needs from the wire, under that serializer's identifier: Akka's
/// JSON (1) and byte-array (4) serializers, Akka.Remote's protobuf (2), remote-deployment (3) and primitive (17)
/// serializers, and the null serializer (0). Each would let a peer make this process build a value it chose (JSON
/// and protobuf even name the .NET type), or reach an actor with a message no ActorKeys actor expects. Inbound
/// payloads become <see cref="RefusedWireMessage"/>, counted by <see cref="InboundRefusals"/>; sending a type with no
/// ActorKeys binding fails loudly instead of leaking it.
/// </summary>
/// <remarks>
/// One class serves every identifier: Akka passes each serializer its <c>akka.actor.serialization-settings.&lt;name&gt;</c>
/// section, and reference.conf gives each replaced name its <c>identifier</c> there.
/// </remarks>
public sealed class RefusingSerializer : SerializerWithStringManifest
{
    /// <summary>The identifier of Akka.NET's default JSON serializer.</summary>
    public const int JsonSerializerId = 1;

    private readonly int _identifier;
    private readonly InboundRefusals _refusals;

    public RefusingSerializer(ExtendedActorSystem system) : this(system, ConfigurationFactory.Empty)
    {
    }

    public RefusingSerializer(ExtendedActorSystem system, Config settings) : base(system)
    {
        _identifier = settings.GetInt("identifier", JsonSerializerId);
        _refusals = InboundRefusals.For(system);
    }

    public override int Identifier => _identifier;

    public override byte[] ToBinary(object obj) => throw Unbound(obj);

    public override string Manifest(object o) => throw Unbound(o);

    /// <summary>
    /// A string-manifest serializer on purpose: for any other kind Akka resolves the manifest, a type name the peer
    /// wrote, with Type.GetType before this code runs, and logs a warning when it does not resolve.
    /// </summary>
    public override object FromBinary(byte[] bytes, string manifest) =>
        _refusals.Refuse(system, _identifier, "this serializer is not accepted from the wire");

    private static SerializationException Unbound(object obj) =>
        new($"{obj.GetType().FullName} has no serializer binding; ActorKeys sends only AK1 messages between systems.");
}
