using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Inbound;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.Actors.Telemetry;
using ActorKeys.KeyStore;
using Microsoft.Extensions.DependencyInjection;

namespace ActorKeys.Actors.Hosting;

/// <summary>
/// The one place where HOCON, actors and options are put together. The CLI and the tests start their
/// systems through these methods (or <see cref="ActorKeysHost"/>, which calls them).
/// </summary>
public static class ActorKeysHostingExtensions
{
    /// <summary>
    /// Adds a server actor system: KeyAuthority at /user/key-authority, SessionManager at /user/sessions and the
    /// application actor at /user/application.
    /// </summary>
    public static IServiceCollection AddActorKeysServer(this IServiceCollection services, ActorKeysServerOptions options)
    {
        var config = options.Config ?? ActorKeysConfig.Build(SystemRole.Server,
            options.ConfigFile is null ? null : ActorKeysConfig.ParseFile(options.ConfigFile), options.Overrides, options.ConfigOverrides);
        var settings = ServerSettings.From(config);
        services.AddSingleton(settings);
        var clusterSettings = Core.ClusterSettings.From(config);
        var core = new Core.CoreNodeAccess();
        services.AddSingleton(core);
        // Held outside the actors, so that nothing that happens to an actor instance resets them (see KeyAuthorityState).
        var sessionTable = new SessionTable();
        services.AddSingleton(sessionTable);
        KeyAuthorityState? authorityState = null;
        services.AddSingleton(new ServerDiagnostics(() => authorityState?.Restarts.Count ?? 0, () => sessionTable.Restarts.Count));
        services.AddServerTelemetry(TelemetrySettings.From(config));
        services.AddAkka(config.GetString("actorkeys.server.system-name"), builder =>
        {
            builder.AddHocon(config, HoconAddMode.Prepend);
            builder.WithServerHealthChecks();
            builder.WithActors((system, registry, resolver) =>
            {
                // Before any actor a peer could reach exists: the running configuration, plugins' defaults included.
                InboundAllowList.VerifyRunning(system);
                var metrics = resolver.GetService<ServerMetrics>();
                var ring = LoadRing(options, settings);
                // The address clients bind their Hellos to: this node's, as Akka.Remote advertises it.
                var address = ((ExtendedActorSystem)system).Provider.DefaultAddress.ToString();
                var registryPath = options.RegistryPath ?? (options.MasterSecret is null ? RegistrySettings.From(config).Path : null);
                var store = registryPath is null ? null : RegistryStore.Open(registryPath);
                var initial = store?.ReadSnapshot();
                authorityState = new KeyAuthorityState(ring, address, settings, options.Time)
                {
                    // A sealed file would need its password again: the server cannot ask, so a new key then needs a restart.
                    ReloadRing = options.ReloadMasterKeys ?? (options.MasterSecret is null && !MasterKeyFile.IsProtected(settings.MasterKeyPath)
                        ? () => MasterKeyFile.LoadRing(settings.MasterKeyPath)
                        : null),
                };
                if (initial is not null)
                {
                    // Before any Hello can arrive: revocations and retired keys hold from the first one.
                    authorityState.LocalView = LifecycleView.From(initial);
                    foreach (var problem in authorityState.Apply(authorityState.LocalView).Problems)
                    {
                        Akka.Event.LoggingExtensions.Warning(system.Log, "Registry not fully applied: {0}", problem);
                    }
                }
                var application = options.Application?.Invoke(system)
                    ?? system.ActorOf(EchoApplication.Props(options.Output, options.Format), EchoApplication.Name);
                var sessions = system.ActorOf(SessionManager.Props(settings, application, metrics, authorityState.Lifecycle, options.Random, sessionTable),
                    SessionManager.Name);
                var authority = system.ActorOf(KeyAuthority.Props(authorityState, sessions, metrics), KeyAuthority.Name);
                IActorRef? coreLink = null;
                if (clusterSettings.Enabled)
                {
                    // The core shares this node's registry decisions with the other nodes; it needs the registry as its durable store.
                    var registryFile = store?.Path ?? throw new Akka.Configuration.ConfigurationException(
                        "actorkeys.cluster.enabled = on needs the node's registry (actorkeys.server.registry-path).");
                    coreLink = system.ActorOf(Props.Create<Core.CoreLink>(), Core.CoreLink.Name);
                    coreLink.Tell(new RegistryChanged(initial!));
                    var link = coreLink;
                    authorityState.Lifecycle.AcceptedKeysChanged += () => link.Tell(Core.HeldKeysChanged.Instance);
                    var state = authorityState;
                    var coreConfig = Core.CoreConfig.Build(clusterSettings, registryFile, options.CoreTransport, config);
                    // Mutual TLS with the node's certificate; a core without it is refused unless TLS was switched off by
                    // hand (tests on loopback only), since anyone reaching a core port could otherwise down the cluster.
                    var transport = Cluster.CoreTransport.IsConfigured(config) ? Cluster.CoreTransport.Load(config) : null;
                    if (transport is null && coreConfig.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"))
                    {
                        throw new Akka.Configuration.ConfigurationException("actorkeys.cluster.core.node-certificate-path, node-key-path and "
                            + "ca-certificate-path must name this node's files from 'actorkeys cluster init': the core runs only over mutual TLS.");
                    }
                    core.Node = Core.CoreNode.Start(coreConfig, clusterSettings, registryFile, authority, sessions, coreLink,
                        () => state.Lifecycle.Current.AcceptedKeyIds, system.Log, options.Time, transport is null ? null : transport.Setup);
                    CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "leave-cluster", async () =>
                    {
                        await core.Node.DisposeAsync();
                        transport?.Dispose();
                        return Akka.Done.Instance;
                    });
                }
                if (store is not null)
                {
                    IReadOnlyList<IActorRef> subscribers = coreLink is null ? [authority] : [authority, coreLink];
                    var watcher = system.ActorOf(RegistryWatcher.Props(store, initial!, subscribers, RegistrySettings.From(config).PollInterval,
                        options.Time), RegistryWatcher.Name);
                    system.EventStream.Subscribe(watcher, typeof(SessionEstablished));
                    system.EventStream.Subscribe(watcher, typeof(ReplicatedMinimums));
                }
                registry.Register<KeyAuthority>(authority);
                registry.Register<SessionManager>(sessions);
            });
        });
        if (options.HealthFile is { } healthFile)
        {
            // After AddAkka: hosted services start in order and stop in reverse, so the file outlives no actor system.
            services.AddHostedService(sp => new HealthFileService(
                sp.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>(), healthFile, options.Time));
        }
        return services;
    }

    /// <summary>
    /// The node's master keys: those given in code, else every key of the master key file (a ring). Until the registry says
    /// otherwise the newest key of the file is the current one.
    /// </summary>
    private static ActorKeys.Protocol.Keys.MasterKeyRing LoadRing(ActorKeysServerOptions options, ServerSettings settings)
    {
        var keys = options.MasterSecret is { } given
            ? [given, .. options.RetiringMasterKeys]
            : MasterKeyFile.LoadRing(settings.MasterKeyPath, options.MasterKeyPassword).Reverse().ToList();
        var ring = new ActorKeys.Protocol.Keys.MasterKeyRing(keys[0]);
        foreach (var key in keys.Skip(1))
        {
            ring.Add(key);
        }
        return ring;
    }

    /// <summary>Adds a client actor system and an <see cref="ActorKeysClient"/> that opens <see cref="ClientSession"/>s in it.</summary>
    public static IServiceCollection AddActorKeysClient(this IServiceCollection services, ActorKeysClientOptions options)
    {
        var config = options.Config ?? ActorKeysConfig.Build(SystemRole.Client,
            options.ConfigFile is null ? null : ActorKeysConfig.ParseFile(options.ConfigFile), options.Overrides, options.ConfigOverrides);
        var settings = ClientSettings.From(config);
        services.AddSingleton(settings);
        services.AddSingleton(sp => new ActorKeysClient(sp.GetRequiredService<ActorSystem>(), settings, options.NodeChoice));
        services.AddAkka(config.GetString("actorkeys.client.system-name"), builder => builder
            .AddHocon(config, HoconAddMode.Prepend)
            .WithActors((system, _) => InboundAllowList.VerifyRunning(system)));
        return services;
    }
}
