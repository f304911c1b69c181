using Akka.Configuration;

namespace ActorKeys.Actors.Core;

/// <summary>
/// The configuration of a node's core system: <c>provider = cluster</c> on its own host and port, the split-brain
/// resolver (keep-majority), and DistributedData whose lifecycle keys are durable in the node's registry. It gets
/// neither the edge's untrusted mode nor its inbound allow-list: the core is for members only (see README, Deployment).
/// </summary>
public static class CoreConfig
{
    /// <summary>The keys kept in <see cref="SqliteDurableStore"/> (prefix match).</summary>
    public const string DurableKeys = "actorkeys-*";

    /// <param name="edge">The node's edge configuration: the core logs as the edge does (same logger, level and stdout setting).</param>
    public static Config Build(ClusterSettings settings, string registryPath, Config? transport = null, Config? edge = null)
    {
        var seeds = string.Join(", ", settings.SeedNodes.Select(Quote));
        var core = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              # The edge's shutdown leaves the cluster first (CoreNode.DisposeAsync); the core must not race it on its own.
              coordinated-shutdown.run-by-clr-shutdown-hook = off
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = {{Quote(settings.Hostname)}}
                port = {{settings.Port}}
              }
              cluster {
                seed-nodes = [{{seeds}}]
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{(long)settings.StableAfter.TotalMilliseconds}}ms
                }
                # A downed node's core stops; the node then closes its sessions and starts a new core that joins again.
                run-coordinated-shutdown-when-down = on
                distributed-data.durable {
                  keys = [{{Quote(DurableKeys)}}]
                  store-actor-class = "ActorKeys.Actors.Core.SqliteDurableStore, ActorKeys.Actors"
                  sqlite.path = {{Quote(registryPath)}}
                }
              }
            }
            """);
        // Akka.Cluster and DistributedData lay their own defaults under this when the provider and the extension start.
        // Top to bottom: the deployment's core.akka settings, what is built here, then the core's security defaults
        // (actorkeys.cluster-core: TLS with mutual authentication), never the edge's client-facing block.
        var layered = settings.CoreAkka.WithFallback(LoggingOf(edge)).WithFallback(core)
            .WithFallback(Configuration.ActorKeysSettings.ReferenceConfig.GetConfig("actorkeys.cluster-core"));
        return transport is null ? layered : transport.WithFallback(layered);
    }

    /// <summary>The edge's logging settings, so the core's lines go where the edge's go (standard error, budgeted per source).</summary>
    private static Config LoggingOf(Config? edge)
    {
        if (edge is null)
        {
            return ConfigurationFactory.Empty;
        }
        var lines = new List<string>();
        if (edge.HasPath("akka.loggers"))
        {
            lines.Add($"akka.loggers = [{string.Join(", ", edge.GetStringList("akka.loggers").Select(Quote))}]");
        }
        foreach (var key in new[] { "akka.loglevel", "akka.stdout-loglevel" })
        {
            if (edge.HasPath(key))
            {
                lines.Add($"{key} = {Quote(edge.GetString(key))}");
            }
        }
        return ConfigurationFactory.ParseString(string.Join("\n", lines));
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
