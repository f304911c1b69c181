using System.Security.Cryptography;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Scheduling;
using ActorKeys.Actors.Telemetry;
using ActorKeys.Protocol.Keys;
using Akka.Actor;
using Akka.Configuration;

namespace ActorKeys.Actors.Server;

/// <summary>
/// A <see cref="KeyAuthority"/> with a <see cref="CredentialMinter"/> in an actor system of its own with no remoting
/// (provider local): how the command line issues keystores (<c>init</c>, <c>provision</c>, <c>clients rotate</c>),
/// through the same actor that holds the master key on a server, and reachable by nothing outside this process.
/// </summary>
public sealed class LocalKeyAuthority : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly ActorSystem _system;
    private readonly IActorRef _authority;
    private readonly ServerMetrics _metrics;

    private LocalKeyAuthority(ActorSystem system, IActorRef authority, ServerMetrics metrics)
    {
        _system = system;
        _authority = authority;
        _metrics = metrics;
    }

    /// <summary>Starts the system. <paramref name="registry"/> and <paramref name="ring"/> stay the caller's to dispose.</summary>
    public static LocalKeyAuthority Start(RegistryStore registry, IReadOnlyList<MasterSecret> ring)
    {
        var config = ConfigurationFactory.ParseString($"""
            akka.actor.provider = local
            akka.scheduler.implementation = "{DeadlineScheduler.ImplementationName}"
            akka.loglevel = ERROR
            akka.stdout-loglevel = OFF
            akka.log-dead-letters = off
            """).WithFallback(ActorKeysSettings.ReferenceConfig);
        var system = ActorSystem.Create("actorkeys-issuer", config);
        var metrics = new ServerMetrics();
        // The key authority zeroes its state's key when it stops: it gets a copy, and the ring stays the caller's.
        var exported = ring[^1].ExportSecret();
        MasterSecret stateKey;
        try
        {
            stateKey = new MasterSecret(exported);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(exported);
        }
        // No remoting: no Hello can reach it, so its address binds nothing.
        var state = new KeyAuthorityState(new MasterKeyRing(stateKey), "local", ServerSettings.From(config), TimeProvider.System);
        var authority = system.ActorOf(KeyAuthority.Props(state, ActorRefs.Nobody, metrics, new CredentialMinter(registry, ring)), KeyAuthority.Name);
        return new LocalKeyAuthority(system, authority, metrics);
    }

    /// <summary>A <see cref="MintedCredentials"/> or a <see cref="MintRefused"/>.</summary>
    public async Task<object> MintAsync(MintCredentials request) => await _authority.Ask<object>(request, AskTimeout);

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        _metrics.Dispose();
    }
}
