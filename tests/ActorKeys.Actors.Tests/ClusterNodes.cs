using Akka.Actor;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Registry;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// Server nodes of one cluster in this test process: each its own edge and core actor systems on 127.0.0.1 with port 0,
/// its own registry, all sharing one master key. Cores are joined by hand (no seed nodes: the ports are not known ahead).
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    private readonly Scenario _scenario;
    private readonly List<ActorKeysHost> _hosts = [];

    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _authority;

    /// <summary>Makes the cluster's CA in the scenario's folder; each node gets its certificate when it first starts.</summary>
    public ClusterNodes(Scenario scenario)
    {
        _scenario = scenario;
        _authority = global::ActorKeys.Actors.Cluster.ClusterCertificateAuthority.CreateAuthority(DateTimeOffset.UtcNow);
        Directory.CreateDirectory(CertificateFolder);
        global::ActorKeys.Actors.Cluster.ClusterCertificateFiles.WriteCertificate(Path.Combine(CertificateFolder, "ca.pem"), _authority);
    }

    private string CertificateFolder => Path.Combine(_scenario.Folder, "cluster");

    /// <summary>node N's certificate and key (0600), as 'actorkeys cluster init' writes them.</summary>
    private string NodeTls(int node)
    {
        var name = global::ActorKeys.Actors.Cluster.ClusterCertificateFiles.NodeName(node);
        var certificate = global::ActorKeys.Actors.Cluster.ClusterCertificateFiles.CertificatePath(CertificateFolder, name);
        var key = global::ActorKeys.Actors.Cluster.ClusterCertificateFiles.KeyPath(CertificateFolder, name);
        if (!File.Exists(certificate))
        {
            using var issued = global::ActorKeys.Actors.Cluster.ClusterCertificateAuthority.IssueNode(_authority, name, global::ActorKeys.Actors.Cluster.ClusterCertificateAuthority.DefaultHosts,
                DateTimeOffset.UtcNow);
            global::ActorKeys.Actors.Cluster.ClusterCertificateFiles.WriteCertificate(certificate, issued);
            global::ActorKeys.Actors.Cluster.ClusterCertificateFiles.WritePrivateKey(key, issued);
        }
        return $$"""
            actorkeys.cluster.core {
              ca-certificate-path = {{System.Text.Json.JsonSerializer.Serialize(Path.Combine(CertificateFolder, "ca.pem"))}}
              node-certificate-path = {{System.Text.Json.JsonSerializer.Serialize(certificate)}}
              node-key-path = {{System.Text.Json.JsonSerializer.Serialize(key)}}
            }
            """;
    }

    /// <summary>Core settings quick enough for tests: a node that stops is seen unreachable in about a second.</summary>
    private const string CoreHocon = """
        actorkeys.cluster {
          enabled = on
          split-brain-resolver.stable-after = 2s
          core.akka {
            loglevel = WARNING
            coordinated-shutdown.run-by-clr-shutdown-hook = off
            cluster.failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s }
            remote.dot-netty.tcp.hostname = "127.0.0.1"
          }
        }
        """;

    public string RegistryOf(int node) => Path.Combine(_scenario.Folder, $"node{node}.db");

    /// <summary>Creates node <paramref name="node"/>'s registry (if missing) with the scenario's master key current.</summary>
    public void CreateRegistry(int node, params string[] issued)
    {
        if (File.Exists(RegistryOf(node)))
        {
            return;
        }
        using var store = RegistryStore.Create(RegistryOf(node), _scenario.Master.KeyIdHex);
        foreach (var id in issued)
        {
            store.Issue(id, IssueKind.FirstIssue, _scenario.Master.KeyIdHex);
        }
    }

    /// <summary>Starts node <paramref name="node"/> and joins its core to <paramref name="join"/> (itself when null).</summary>
    public async Task<ActorKeysHost> StartAsync(int node, Address? join = null)
    {
        CreateRegistry(node);
        var secret = _scenario.Master.ExportSecret();
        var copy = new MasterSecret(secret);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        var host = await ActorKeysHost.StartServerAsync(new ActorKeysServerOptions
        {
            ConfigFile = Scenario.RepositoryFile("hocon/server.hocon"),
            ConfigOverrides = Scenario.TestHocon + "\n" + CoreHocon + "\n" + NodeTls(node),
            MasterSecret = copy,
            RegistryPath = RegistryOf(node),
            Output = _ => { },
        });
        _hosts.Add(host);
        Akka.Cluster.Cluster.Get(host.Core!.System).Join(join ?? host.Core.Address);
        return host;
    }

    /// <summary>Stops a node as its process ending would (its core leaves the cluster first).</summary>
    public async Task StopAsync(ActorKeysHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    /// <summary>The members <paramref name="host"/>'s core sees up.</summary>
    public static int UpMembers(ActorKeysHost host) =>
        Akka.Cluster.Cluster.Get(host.Core!.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up);

    /// <summary>A client system whose client connects to <paramref name="node"/>.</summary>
    public Task<ActorKeysHost> ClientOfAsync(ActorKeysHost node) => ActorKeysHost.StartClientAsync(new ActorKeysClientOptions
    {
        ConfigFile = Scenario.RepositoryFile("hocon/client.hocon"),
        ConfigOverrides = $"{Scenario.TestHocon}\nactorkeys.client.server-address = \"{node.Address}\"",
        Overrides = new() { KeystoreFolder = _scenario.KeystoreFolder },
    }).ContinueWith(t =>
    {
        _hosts.Add(t.Result);
        return t.Result;
    }, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        _authority.Dispose();
        foreach (var host in Enumerable.Reverse(_hosts).ToList())
        {
            await host.DisposeAsync();
        }
    }
}
