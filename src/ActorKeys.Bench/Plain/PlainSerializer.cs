using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using ActorKeys.Actors.Configuration;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Wire;

namespace ActorKeys.Bench.Plain;

/// <summary>
/// Serializes the plaintext baseline's messages through the same AK1 wire codec as <c>Ak1Serializer</c>: a
/// <see cref="PlainRecord"/> is encoded and decoded as a <see cref="Sealed"/> frame of the same length, with the
/// same bounds, so serializer cost and bytes on the wire are those of the sealed path.
/// </summary>
public sealed class PlainSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 0x414C;

    public const string Hocon = """
        akka.actor.serializers.ak1-bench-plain = "ActorKeys.Bench.Plain.PlainSerializer, actorkeys-bench"
        akka.actor.serialization-bindings { "ActorKeys.Bench.Plain.IPlainMessage, actorkeys-bench" = ak1-bench-plain }
        actorkeys.inbound.extra-serializer-types = ["ActorKeys.Bench.Plain.PlainSerializer, actorkeys-bench"]
        """;

    private const string RecordManifest = "P";
    private const string OpenManifest = "O";
    private const string OpenedManifest = "K";

    private readonly WireLimits _limits;

    public PlainSerializer(ExtendedActorSystem system) : base(system)
    {
        _limits = new WireLimits(ActorKeysSettings.MaxMessageBytes(system.Settings.Config));
    }

    public override int Identifier => SerializerId;

    public override byte[] ToBinary(object obj) => obj switch
    {
        PlainRecord r => WireCodec.Encode(new Sealed(ActorKeys.Protocol.Values.SessionId.From(r.SessionId), 0, r.Seq, r.Data)),
        // The open messages are not measured; any compact encoding will do.
        PlainOpen o => System.Text.Encoding.UTF8.GetBytes(o.ClientId),
        PlainOpened k => k.SessionId,
        _ => throw new SerializationException($"PlainSerializer cannot serialize {obj.GetType().Name}."),
    };

    public override string Manifest(object o) => o switch
    {
        PlainRecord => RecordManifest,
        PlainOpen => OpenManifest,
        PlainOpened => OpenedManifest,
        _ => throw new SerializationException($"PlainSerializer cannot serialize {o.GetType().Name}."),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        switch (manifest)
        {
            case RecordManifest:
                if (!WireCodec.TryDecode(bytes, out var message, out var error, _limits) || message is not Sealed s)
                {
                    throw new SerializationException($"Refused a plain record ({error}).");
                }
                return new PlainRecord(s.SessionId.ToArray(), s.Seq, s.Ciphertext);
            case OpenManifest when bytes.Length is > 0 and <= 64:
                return new PlainOpen(System.Text.Encoding.UTF8.GetString(bytes));
            case OpenedManifest when bytes.Length == Ak1.SessionIdBytes:
                return new PlainOpened(bytes);
            default:
                throw new SerializationException("Refused a plain bench message.");
        }
    }
}
