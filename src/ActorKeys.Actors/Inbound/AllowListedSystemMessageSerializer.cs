using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Akka.Remote.Serialization;
using Akka.Util;

namespace ActorKeys.Actors.Inbound;

/// <summary>
/// Akka.Remote's system-message serializer (identifier 22), narrowed to what remote death watch needs: <c>Watch</c>
/// and <c>Unwatch</c> of an actor on <c>actorkeys.inbound.watchable-paths</c> (sessions and client actors, whose names
/// are unguessable), and <c>DeathWatchNotification</c> (acted on only by an actor that watches the one named).
/// <c>Create</c>, <c>Recreate</c>, <c>Suspend</c>, <c>Resume</c>, <c>Terminate</c>, <c>Supervise</c> and <c>Failed</c>
/// (with its exception) would stop, restart or freeze any actor a peer can name, the guardians included: Akka.NET's
/// untrusted mode does not filter them.
/// </summary>
public sealed class AllowListedSystemMessageSerializer : AllowListSerializer
{
    private static readonly Dictionary<string, Type> Allowed = new[] { typeof(Watch), typeof(Unwatch), typeof(DeathWatchNotification) }
        .ToDictionary(t => t.TypeQualifiedName(), StringComparer.Ordinal);

    private readonly string[] _watchablePaths;

    public AllowListedSystemMessageSerializer(ExtendedActorSystem system)
        : base(system, new SystemMessageSerializer(system))
    {
        _watchablePaths = system.Settings.Config.GetStringList("actorkeys.inbound.watchable-paths").ToArray();
    }

    protected override bool TryAllow(string manifest, out Type? type) => Allowed.TryGetValue(manifest, out type);

    protected override bool IsAllowedValue(object? value) => value switch
    {
        Watch w => IsWatchable(w.Watchee) && IsRemoteWatcher(w.Watcher),
        Unwatch u => IsWatchable(u.Watchee) && IsRemoteWatcher(u.Watcher),
        DeathWatchNotification => true,
        _ => false,
    };

    /// <summary>
    /// Only a live local actor under a watchable path: a peer must not attach watchers to the key authority or a
    /// guardian, nor name an actor that does not exist (Akka would answer such a Watch at once with a
    /// DeathWatchNotification to the watcher, an address the peer chose: a way to make this system dial anyone).
    /// </summary>
    private bool IsWatchable(IInternalActorRef watchee)
    {
        if (watchee is not ActorRefWithCell { IsLocal: true, IsTerminated: false })
        {
            return false;
        }
        var path = watchee.Path.ToStringWithoutAddress();
        return _watchablePaths.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length);
    }

    /// <summary>Remote death watch is kept by the watching system's remote watcher: a Watch from anything else is not Akka's.</summary>
    private static bool IsRemoteWatcher(IInternalActorRef watcher) =>
        watcher.Path.ToStringWithoutAddress() == "/system/remote-watcher";
}
