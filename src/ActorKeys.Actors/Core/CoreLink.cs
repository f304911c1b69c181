using Akka.Actor;
using ActorKeys.Actors.Registry;

namespace ActorKeys.Actors.Core;

/// <summary>
/// On the edge, at <c>/user/core-link</c>: the registry watcher's stable subscriber for the core, whose replicator
/// changes each time the core system is started again (after the node was downed). It hands the latest registry
/// snapshot to the current replicator, and to a new one as soon as it exists. Local only: nothing here is serializable.
/// </summary>
public sealed class CoreLink : ReceiveActor
{
    public const string Name = "core-link";

    private IActorRef _replicator = ActorRefs.Nobody;
    private RegistryChanged? _last;

    public CoreLink()
    {
        Receive<RegistryChanged>(changed =>
        {
            _last = changed;
            _replicator.Tell(changed);
        });
        Receive<HeldKeysChanged>(changed => _replicator.Tell(changed));
        Receive<CoreStarted>(started =>
        {
            _replicator = started.Replicator;
            if (_last is not null)
            {
                _replicator.Tell(_last);
            }
        });
    }
}
