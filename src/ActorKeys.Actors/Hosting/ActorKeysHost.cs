using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorKeys.Actors.Hosting;

/// <summary>A started server or client system on the generic host; disposing it shuts the system down.</summary>
public sealed class ActorKeysHost : IAsyncDisposable
{
    private ActorKeysHost(IHost host)
    {
        Host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    public IHost Host { get; }
    public ActorSystem System { get; }

    /// <summary>The address the system actually listens on (the real port when 0 was asked for).</summary>
    public Address Address => ((ExtendedActorSystem)System).Provider.DefaultAddress;

    public static Task<ActorKeysHost> StartServerAsync(ActorKeysServerOptions options, CancellationToken cancellation = default) =>
        StartAsync(services => services.AddActorKeysServer(options), cancellation);

    public static Task<ActorKeysHost> StartClientAsync(ActorKeysClientOptions options, CancellationToken cancellation = default) =>
        StartAsync(services => services.AddActorKeysClient(options), cancellation);

    public ActorKeysClient Client => Host.Services.GetRequiredService<ActorKeysClient>();

    /// <summary>A server's restart counters (a server system only).</summary>
    public Server.ServerDiagnostics Diagnostics => Host.Services.GetRequiredService<Server.ServerDiagnostics>();

    /// <summary>A server's instruments; tests read them through <c>Metrics.Meter</c> (a server system only).</summary>
    public Telemetry.ServerMetrics Metrics => Host.Services.GetRequiredService<Telemetry.ServerMetrics>();

    /// <summary>A cluster member's core (null for a single server).</summary>
    public Core.CoreNode? Core => Host.Services.GetRequiredService<Core.CoreNodeAccess>().Node;

    private static async Task<ActorKeysHost> StartAsync(Action<IServiceCollection> configure, CancellationToken cancellation)
    {
        var host = new HostBuilder().ConfigureServices(configure).Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ActorKeysHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync();
        }
        finally
        {
            Host.Dispose();
        }
    }
}
