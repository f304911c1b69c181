using System.Diagnostics;
using Akka.Actor;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Server;
using ActorKeys.Bench.Plain;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Bench;

/// <summary>
/// The bench's server: a real ActorKeys server system on a free loopback port with a fresh master key, keystores
/// for the benchmark clients in a temporary folder, and the plaintext baseline's gateway beside the key authority.
/// It always runs in the bench command's own process, where its memory is measured.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly ActorKeysHost _host;
    private readonly IActorRef _clientSystems;

    private BenchServer(ActorKeysHost host, string folder)
    {
        _host = host;
        Folder = folder;
        _clientSystems = host.System.ActorOf(ClientSystemCount.Props(), "bench-client-systems");
    }

    public string Folder { get; }
    public string Keystores => Path.Combine(Folder, "keystores");
    public string Address => _host.Address.ToString();

    public static async Task<BenchServer> StartAsync(int clients, int idleSessions)
    {
        var folder = Directory.CreateTempSubdirectory("actorkeys-bench-").FullName;
        try
        {
            // The KeyAuthority owns the master secret from here on and zeroes it when it stops.
            var master = MasterSecret.Generate();
            for (var i = 0; i < clients; i++)
            {
                KeystoreFile.Issue(master, BenchHocon.ClientId(i), 0, Path.Combine(folder, "keystores"), KeyProtection.None, DateTimeOffset.UtcNow);
            }
            var hocon = BenchHocon.Server(idleSessions);
            var maxMessageBytes = ServerSettings.From(ActorKeysConfig.Build(SystemRole.Server, null, null, hocon)).MaxMessageBytes;
            var host = await QuietStart.RunAsync(() => ActorKeysHost.StartServerAsync(new ActorKeysServerOptions
            {
                ConfigOverrides = hocon,
                MasterSecret = master,
                Application = system =>
                {
                    var application = system.ActorOf(BenchEcho.Props(), EchoApplication.Name);
                    system.ActorOf(PlainGateway.Props(application, maxMessageBytes), PlainGateway.Name);
                    return application;
                },
                Output = _ => { },
            }));
            return new BenchServer(host, folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>The server's replay cache in bytes as of its last Hello (its <c>actorkeys.replay_cache.bytes</c> gauge).</summary>
    public long ReplayCacheBytes => _host.Metrics.ReplayCacheBytes;

    /// <summary>How many client systems are linked with the server now (Akka.Remote associations).</summary>
    public Task<int> ClientSystemsAsync() => _clientSystems.Ask<int>(ClientSystemCount.Query.Instance, TimeSpan.FromSeconds(10));

    public async Task<int> SessionCountAsync() =>
        (await _host.System.ActorSelection("/user/" + SessionManager.Name)
            .Ask<SessionCount>(GetSessionCount.Instance, TimeSpan.FromSeconds(10))).Count;

    /// <summary>Waits (bounded) until the server holds exactly <paramref name="count"/> sessions.</summary>
    public async Task WaitForSessionsAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await SessionCountAsync() != count)
        {
            if (clock.Elapsed > timeout)
            {
                throw new BenchException(BenchException.Unexpected,
                    $"The bench server held {await SessionCountAsync()} sessions and did not reach {count} within {timeout.TotalSeconds} s; try again, and report it if it happens again.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Managed heap after full, compacting collections, and the process's working set.</summary>
    public static (long Heap, long WorkingSet) Memory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.DisposeAsync();
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
