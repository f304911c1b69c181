using Akka.Actor;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Server;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Hosting;

/// <summary>What a server system is started from; everything not set here comes from HOCON.</summary>
public sealed class ActorKeysServerOptions
{
    /// <summary>A HOCON file such as hocon/server.hocon; null for the embedded defaults only.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>HOCON laid over the file (tests use it for port 0 and fast failure detectors).</summary>
    public string? ConfigOverrides { get; init; }

    /// <summary>Typed overrides (a command line's <c>--port</c>, <c>--master-key</c>, logging), applied above everything.</summary>
    public ConfigOverrides? Overrides { get; init; }

    /// <summary>
    /// A configuration already built with <see cref="ActorKeysConfig.Build"/> (the CLI builds it once, to check it
    /// before starting anything); when set, <see cref="ConfigFile"/>, <see cref="ConfigOverrides"/> and
    /// <see cref="Overrides"/> are not read.
    /// </summary>
    public Akka.Configuration.Config? Config { get; init; }

    /// <summary>
    /// The master secret, already loaded. The KeyAuthority takes ownership and zeroes it when it stops. When
    /// null, the file at <c>actorkeys.server.master-key-path</c> is loaded with <see cref="MasterKeyPassword"/>.
    /// </summary>
    public MasterSecret? MasterSecret { get; init; }

    /// <summary>
    /// Further master keys the node still accepts (retiring ones), already loaded; the KeyAuthority takes ownership.
    /// <see cref="MasterSecret"/> stays the current one unless the registry names another.
    /// </summary>
    public IReadOnlyList<MasterSecret> RetiringMasterKeys { get; init; } = [];

    /// <summary>
    /// Reads the master key file again when the registry names a key the server does not hold (after <c>master rotate</c>
    /// on a running server). Null: such a key needs a restart (the command line leaves it null for a password-sealed file).
    /// </summary>
    public Func<IReadOnlyList<MasterSecret>>? ReloadMasterKeys { get; init; }

    public Func<string>? MasterKeyPassword { get; init; }

    /// <summary>
    /// The registry (<c>actorkeys.db</c>) to check revocations and master key states against and to watch for changes.
    /// When null: the file at <c>actorkeys.server.registry-path</c> if the master key comes from its file, and none (every
    /// epoch of every key given here accepted) when <see cref="MasterSecret"/> is given in code, as tests and embedders do.
    /// </summary>
    public string? RegistryPath { get; init; }

    /// <summary>
    /// The core system's transport (mutual TLS between cluster members), laid over its configuration when
    /// <c>actorkeys.cluster.enabled = on</c>; null for plain TCP (tests on loopback).
    /// </summary>
    public Akka.Configuration.Config? CoreTransport { get; init; }

    /// <summary>Creates the application actor; by default an <see cref="Server.EchoApplication"/> writing to <see cref="Output"/>.</summary>
    public Func<ActorSystem, IActorRef>? Application { get; init; }

    /// <summary>Where the default application writes its <c>User '&lt;id&gt;': '&lt;text&gt;'</c> lines.</summary>
    public Action<string> Output { get; init; } = Console.WriteLine;

    /// <summary>
    /// How the default application words each message's line; by default <see cref="EchoApplication.Format"/>
    /// (English). The command line gives its own, in the language it speaks.
    /// </summary>
    public Func<ClientMessage, string> Format { get; init; } = EchoApplication.Format;

    public TimeProvider Time { get; init; } = TimeProvider.System;
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    /// <summary>A file to keep the server's liveness and readiness in (see <see cref="Telemetry.HealthFile"/>); none when null.</summary>
    public string? HealthFile { get; init; }
}

/// <summary>What a client system is started from; everything not set here comes from HOCON.</summary>
public sealed class ActorKeysClientOptions
{
    /// <summary>A HOCON file such as hocon/client.hocon; null for the embedded defaults only.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>HOCON laid over the file (tests).</summary>
    public string? ConfigOverrides { get; init; }

    /// <summary>Typed overrides (<c>--server</c>, <c>--keystores</c>, logging), applied above everything.</summary>
    public ConfigOverrides? Overrides { get; init; }

    /// <summary>A configuration already built with <see cref="ActorKeysConfig.Build"/>; when set, the three above are not read.</summary>
    public Akka.Configuration.Config? Config { get; init; }

    /// <summary>Picks the server node each session starts at when there are several; fix its seed for a repeatable order.</summary>
    public Random? NodeChoice { get; init; }
}
