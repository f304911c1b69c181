using Akka.Actor;
using Akka.Remote.Serialization;

namespace ActorKeys.Actors.Inbound;

/// <summary>
/// Akka.Remote's actor-selection envelope (identifier 6), which carries every Hello and every heartbeat. The
/// message inside is decoded through the same allow-listed serializers, so a refused message stays refused inside
/// an envelope; untrusted mode then delivers the envelope only to the trusted selection paths.
/// </summary>
public sealed class AllowListedContainerSerializer(ExtendedActorSystem system)
    : AllowListSerializer(system, new MessageContainerSerializer(system))
{
    protected override bool TryAllow(string manifest, out Type? type)
    {
        // The envelope is sent without a manifest; anything else is not one of ours.
        type = typeof(ActorSelectionMessage);
        return manifest.Length == 0;
    }

    protected override bool IsAllowedValue(object? value) => value is ActorSelectionMessage;
}
