using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using ActorKeys.Protocol.Channel;

namespace ActorKeys.Actors.Core;

/// <summary>
/// A server node's core: the second actor system of the process (<c>provider = cluster</c>, its own private host and
/// port), linked to the edge (the system clients reach) inside the process by plain local references. It shares
/// revocations and master key states through <see cref="LifecycleReplicator"/>. When the node is downed out of the
/// cluster, its core stops: the edge then closes its sessions (close reason 3), answers Hellos busy, and a new core is
/// started that joins the cluster again; once it is up, the edge serves again.
/// </summary>
public sealed class CoreNode : IAsyncDisposable
{
    private readonly Config _config;
    private readonly ClusterSettings _settings;
    private readonly string _registryPath;
    private readonly IActorRef _authority;
    private readonly IActorRef _sessions;
    private readonly IActorRef _coreLink;
    private readonly Func<IReadOnlyCollection<string>> _heldKeyIds;
    private readonly ILoggingAdapter _log;
    private readonly TimeProvider _time;
    private readonly Func<Config, Akka.Actor.Setup.ActorSystemSetup>? _setup;
    private readonly object _gate = new();
    private bool _stopping;

    private CoreNode(Config config, ClusterSettings settings, string registryPath, IActorRef authority, IActorRef sessions,
        IActorRef coreLink, Func<IReadOnlyCollection<string>> heldKeyIds, ILoggingAdapter log, TimeProvider time,
        Func<Config, Akka.Actor.Setup.ActorSystemSetup>? setup)
    {
        _setup = setup;
        _config = config;
        _settings = settings;
        _registryPath = registryPath;
        _authority = authority;
        _sessions = sessions;
        _coreLink = coreLink;
        _heldKeyIds = heldKeyIds;
        _log = log;
        _time = time;
    }

    /// <summary>The running core system (a new one after each rejoin).</summary>
    public ActorSystem System { get; private set; } = null!;

    public Address Address => ((ExtendedActorSystem)System).Provider.DefaultAddress;

    /// <param name="setup">Makes the core's setup from its configuration: the mutual-TLS one (<c>CoreTransport.Setup</c>); null for plain TCP.</param>
    public static CoreNode Start(Config config, ClusterSettings settings, string registryPath, IActorRef authority, IActorRef sessions,
        IActorRef coreLink, Func<IReadOnlyCollection<string>> heldKeyIds, ILoggingAdapter log, TimeProvider time,
        Func<Config, Akka.Actor.Setup.ActorSystemSetup>? setup = null)
    {
        var node = new CoreNode(config, settings, registryPath, authority, sessions, coreLink, heldKeyIds, log, time, setup);
        node.StartCore();
        return node;
    }

    private void StartCore(IReadOnlyList<Address>? rejoin = null)
    {
        var system = _setup is null ? ActorSystem.Create(_settings.SystemName, _config) : ActorSystem.Create(_settings.SystemName, _setup(_config));
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (rejoin is { Count: > 0 } && _settings.SeedNodes.Count == 0)
        {
            // No seed nodes configured (a program that joined by hand): join again through the members known last.
            cluster.JoinSeedNodes(rejoin);
        }
        var replicator = system.ActorOf(LifecycleReplicator.Props(_authority, _heldKeyIds, _settings.WriteAllTimeout), LifecycleReplicator.Name);
        system.ActorOf(MembershipRecorder.Props(_registryPath, _time), MembershipRecorder.Name);
        cluster.RegisterOnMemberUp(() => _authority.Tell(new NodeMembership(true)));
        cluster.RegisterOnMemberRemoved(() => OnRemoved(system));
        System = system;
        _coreLink.Tell(new CoreStarted(replicator));
    }

    /// <summary>This node left the cluster: by our own shutdown (nothing to do), or downed (stop serving, rejoin).</summary>
    private void OnRemoved(ActorSystem removed)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }
        }
        _log.Warning("This node was removed from its cluster: closing its sessions and joining again");
        var cluster = Akka.Cluster.Cluster.Get(removed);
        var known = cluster.State.Members.Select(m => m.Address).Where(a => !a.Equals(cluster.SelfAddress)).ToList();
        _authority.Tell(new NodeMembership(false));
        _sessions.Tell(new EndAllSessions(CloseReason.ServerShutdown));
        // run-coordinated-shutdown-when-down stops the removed core; a new one joins the seed nodes again.
        removed.WhenTerminated.ContinueWith(_ => Rejoin(known), TaskScheduler.Default);
    }

    /// <summary>Starts a new core that joins again; retried every few seconds while it cannot start (its port still held).</summary>
    private async Task Rejoin(IReadOnlyList<Address> known)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_stopping)
                {
                    return;
                }
                try
                {
                    StartCore(known);
                    return;
                }
                catch (Exception e)
                {
                    _log.Error("The cluster core could not start again ({0}: {1}); retrying in 5 s", e.GetType().Name, e.Message);
                }
            }
            await Task.Delay(RejoinRetry);
        }
    }

    private static readonly TimeSpan RejoinRetry = TimeSpan.FromSeconds(5);

    /// <summary>Leaves the cluster gracefully (other members see this node leave, not fail) and stops the core.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping = true;
        }
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
    }
}

/// <summary>The node's core, once the edge has started it (null on a server that is no cluster member).</summary>
public sealed class CoreNodeAccess
{
    public CoreNode? Node { get; set; }
}
