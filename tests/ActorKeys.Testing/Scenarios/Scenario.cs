using Akka.Actor;
using ActorKeys.Actors.Hosting;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Testing;

/// <summary>
/// A server system and any number of client systems over real Akka.Remote on 127.0.0.1 with port 0, each on
/// its own generic host, with keystores issued into a temporary folder. Disposing shuts every system down.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    /// <summary>Loopback, any free port, and a failure detector quick enough for tests.</summary>
    public const string TestHocon = """
        akka.loglevel = WARNING
        akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
        akka.remote.dot-netty.tcp.port = 0
        akka.remote.watch-failure-detector {
          heartbeat-interval = 200ms
          acceptable-heartbeat-pause = 1s
          threshold = 8.0
          expected-response-after = 200ms
          unreachable-nodes-reaper-interval = 200ms
        }
        akka.remote.transport-failure-detector {
          heartbeat-interval = 500ms
          acceptable-heartbeat-pause = 3s
        }
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    /// <summary>Adds the throttler adapter, so that a test can blackhole a link.</summary>
    public const string ThrottlerHocon = """akka.remote.dot-netty.tcp.applied-adapters = ["trttl"]""";

    private readonly List<ActorKeysHost> _hosts = [];

    public Scenario(string extraHocon = "")
    {
        ExtraHocon = extraHocon;
        Folder = Directory.CreateTempSubdirectory("actorkeys-scenario-").FullName;
        KeystoreFolder = Path.Combine(Folder, "keystores");
        Master = MasterSecret.Generate();
    }

    public string ExtraHocon { get; }
    public string Folder { get; }
    public string KeystoreFolder { get; }

    /// <summary>The scenario's master secret; each server started gets its own copy, which its KeyAuthority zeroes.</summary>
    public MasterSecret Master { get; }

    /// <summary>The server started last. <see cref="StartServerAsync"/> may be called again for more nodes of the same master key.</summary>
    public ActorKeysHost? Server { get; private set; }

    public Address ServerAddress => Server?.Address ?? throw new InvalidOperationException("Start the server first.");

    /// <summary>Issues keystore_id_&lt;id&gt;.json for each id, from the scenario's master secret.</summary>
    public void Issue(params string[] ids)
    {
        foreach (var id in ids)
        {
            KeystoreFile.Issue(Master, id, 0, KeystoreFolder, KeyProtection.None, DateTimeOffset.UtcNow);
        }
    }

    /// <param name="retiringKeys">Master keys the server accepts besides the scenario's, as after a rotation; it takes ownership.</param>
    /// <param name="random">The server's randomness (session names, ephemeral keys); the system's CSPRNG when null.</param>
    public async Task<ActorKeysHost> StartServerAsync(
        Func<ActorSystem, IActorRef>? application = null, Action<string>? output = null, string extraHocon = "",
        IReadOnlyList<MasterSecret>? retiringKeys = null, ActorKeys.Protocol.Crypto.IRandomSource? random = null)
    {
        var secret = Master.ExportSecret();
        var copy = new MasterSecret(secret);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        Server = await ActorKeysHost.StartServerAsync(new ActorKeysServerOptions
        {
            RetiringMasterKeys = retiringKeys ?? [],
            ConfigFile = RepositoryFile("hocon/server.hocon"),
            // Later lines win: the test's own settings last.
            ConfigOverrides = TestHocon + "\n" + ExtraHocon + "\n" + extraHocon,
            MasterSecret = copy,
            Application = application,
            Output = output ?? (_ => { }),
            Random = random ?? ActorKeys.Protocol.Crypto.SystemRandomSource.Instance,
        });
        _hosts.Add(Server);
        return Server;
    }

    /// <summary>Stops the server system (as a server restart or crash would), leaving the clients running.</summary>
    public Task StopServerAsync() => StopServerAsync(Server ?? throw new InvalidOperationException("Start the server first."));

    /// <summary>Stops one of the server nodes this scenario started, leaving the others and the clients running.</summary>
    public async Task StopServerAsync(ActorKeysHost server)
    {
        if (!_hosts.Remove(server))
        {
            throw new InvalidOperationException("That server is not running in this scenario.");
        }
        await server.DisposeAsync();
    }

    /// <summary>
    /// An address on 127.0.0.1 where no actor system listens (a port just bound and released), for a server node that
    /// is down; nothing else binds it in the moments a test uses it.
    /// </summary>
    public static string AddressWhereNothingListens()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"akka.tcp://actorkeys-server@127.0.0.1:{port}";
    }

    /// <summary>A client system whose sessions use these server nodes (<c>actorkeys.client.server-addresses</c>).</summary>
    public async Task<ActorKeysHost> StartClientOfNodesAsync(IEnumerable<string> nodes, string extraHocon = "", Random? nodeChoice = null)
    {
        var list = string.Join(", ", nodes.Select(n => $"\"{n}\""));
        var client = await ActorKeysHost.StartClientAsync(new ActorKeysClientOptions
        {
            ConfigFile = RepositoryFile("hocon/client.hocon"),
            ConfigOverrides = $"{TestHocon}\n{ExtraHocon}\nactorkeys.client.server-addresses = [{list}]\n{extraHocon}",
            Overrides = new() { KeystoreFolder = KeystoreFolder },
            NodeChoice = nodeChoice,
        });
        _hosts.Add(client);
        return client;
    }

    public async Task<ActorKeysHost> StartClientAsync(string extraHocon = "")
    {
        var client = await ActorKeysHost.StartClientAsync(new ActorKeysClientOptions
        {
            ConfigFile = RepositoryFile("hocon/client.hocon"),
            ConfigOverrides = $"{TestHocon}\n{ExtraHocon}\nactorkeys.client.server-address = \"{ServerAddress}\"\n{extraHocon}",
            Overrides = new() { KeystoreFolder = KeystoreFolder },
        });
        _hosts.Add(client);
        return client;
    }

    /// <summary>A plain Akka.Remote system that is no ActorKeys client: default serializers, no untrusted mode.</summary>
    public ActorSystem StartPeerSystem(string name = "peer")
    {
        var system = ActorSystem.Create(name, Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.actor.serializers.ak1 = "ActorKeys.Actors.Serialization.Ak1Serializer, ActorKeys.Actors"
            akka.actor.serialization-bindings { "ActorKeys.Protocol.IAk1Message, ActorKeys.Protocol" = ak1 }
            {{ExtraHocon}}
            {{TestHocon}}
            """));
        _peers.Add(system);
        return system;
    }

    private readonly List<ActorSystem> _peers = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _peers)
        {
            await peer.Terminate();
        }
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
        Master.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A file of the repository (the hocon/ folder), found by walking up from the test binaries.</summary>
    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ActorKeys.sln")))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
