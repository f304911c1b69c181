using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Inbound;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Wire;

namespace ActorKeys.Actors.Serialization;

/// <summary>
/// The one serializer of ActorKeys' own messages: the AK1 wire codec, bound to <see cref="IAk1Message"/>.
/// Decoding is bounded by <c>actorkeys.max-message-bytes</c>; anything malformed becomes a
/// <see cref="RefusedWireMessage"/> that names the manifest it claimed (a session ends when its own client sends a
/// malformed record; the key authority answers a malformed Hello with <c>protocol-violation</c>), counted by
/// <see cref="InboundRefusals"/>.
/// </summary>
public sealed class Ak1Serializer : SerializerWithStringManifest
{
    /// <summary>"AK" in ASCII: well above Akka's reserved range (0–100).</summary>
    public const int SerializerId = 0x414B;

    private const string HelloManifest = "H";
    private const string ChallengeManifest = "C";
    private const string FinishManifest = "F";
    private const string RejectedManifest = "R";
    private const string SealedManifest = "S";
    private const string Rejected2Manifest = "J";

    private readonly WireLimits _limits;
    private readonly InboundRefusals _refusals;

    public Ak1Serializer(ExtendedActorSystem system) : base(system)
    {
        _limits = new WireLimits(ActorKeysSettings.MaxMessageBytes(system.Settings.Config));
        _refusals = InboundRefusals.For(system);
    }

    public override int Identifier => SerializerId;

    public override byte[] ToBinary(object obj) => obj is IAk1Message message
        ? WireCodec.Encode(message)
        : throw new SerializationException($"Ak1Serializer cannot serialize {obj.GetType().Name}.");

    public override string Manifest(object o) => o switch
    {
        Hello => HelloManifest,
        Challenge => ChallengeManifest,
        Finish => FinishManifest,
        Rejected => RejectedManifest,
        Sealed => SealedManifest,
        Rejected2 => Rejected2Manifest,
        _ => throw new SerializationException($"Ak1Serializer cannot serialize {o.GetType().Name}."),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var claimed = manifest is HelloManifest or ChallengeManifest or FinishManifest or RejectedManifest or SealedManifest or Rejected2Manifest
            ? manifest
            : null;
        if (claimed is null)
        {
            return _refusals.Refuse(system, SerializerId, "unknown AK1 manifest");
        }
        if (!WireCodec.TryDecode(bytes, out var message, out var error, _limits))
        {
            return _refusals.Refuse(system, SerializerId, $"malformed AK1 message ({error})",
                error == WireDecodeError.UnsupportedVersion && claimed == HelloManifest
                    ? RefusedWireMessage.OtherVersionHello
                    : RefusedWireMessage.MalformedAk1(claimed));
        }
        if (Manifest(message!) != claimed)
        {
            return _refusals.Refuse(system, SerializerId, "AK1 message does not match its manifest", RefusedWireMessage.MalformedAk1(claimed));
        }
        return message!;
    }
}
