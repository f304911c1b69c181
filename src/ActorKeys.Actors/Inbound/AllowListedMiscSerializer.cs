using Akka.Actor;
using Akka.Remote.Serialization;

namespace ActorKeys.Actors.Inbound;

/// <summary>
/// Akka.Remote's serializer of its own small messages (identifier 16), narrowed to the remote watcher's
/// <c>Heartbeat</c> and <c>HeartbeatRsp</c>: remote death watch needs them, and nothing else it carries is needed
/// from a peer. <c>Kill</c>, <c>PoisonPill</c>, <c>Identify</c>, <c>Status.Failure</c> (an exception the peer
/// describes), routers, scopes and configuration are refused before they are built.
/// </summary>
public sealed class AllowListedMiscSerializer(ExtendedActorSystem system)
    : AllowListSerializer(system, new MiscMessageSerializer(system))
{
    // Akka.Remote's manifests for RemoteWatcher.Heartbeat and RemoteWatcher.HeartbeatRsp.
    private const string HeartbeatManifest = "RWHB";
    private const string HeartbeatRspManifest = "RWHR";

    protected override bool TryAllow(string manifest, out Type? type)
    {
        type = null;
        return manifest is HeartbeatManifest or HeartbeatRspManifest;
    }
}
