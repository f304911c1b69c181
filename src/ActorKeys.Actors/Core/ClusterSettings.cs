using Akka.Configuration;
using ActorKeys.Actors.Configuration;

namespace ActorKeys.Actors.Core;

/// <summary>
/// <c>actorkeys.cluster.*</c>: whether this server node is a member of a cluster, and where its private core listens.
/// Off by default: a single <c>actorkeys server</c> with no cluster configuration works exactly as before.
/// </summary>
public sealed record ClusterSettings(
    bool Enabled,
    string SystemName,
    string Hostname,
    int Port,
    IReadOnlyList<string> SeedNodes,
    TimeSpan WriteAllTimeout,
    TimeSpan StableAfter,
    Config CoreAkka)
{
    public static ClusterSettings From(Config config)
    {
        var c = config.WithFallback(ActorKeysSettings.ReferenceConfig);
        var port = c.GetInt("actorkeys.cluster.core.port");
        if (port is < 0 or > 65535)
        {
            throw new ConfigurationException("actorkeys.cluster.core.port must be between 0 and 65535.");
        }
        var settings = new ClusterSettings(
            c.GetBoolean("actorkeys.cluster.enabled"),
            c.GetString("actorkeys.cluster.core.system-name"),
            c.GetString("actorkeys.cluster.core.hostname"),
            port,
            [.. c.GetStringList("actorkeys.cluster.core.seed-nodes") ?? []],
            ServerSettings.Positive(c.GetTimeSpan("actorkeys.cluster.write-all-timeout"), "actorkeys.cluster.write-all-timeout"),
            ServerSettings.Positive(c.GetTimeSpan("actorkeys.cluster.split-brain-resolver.stable-after"),
                "actorkeys.cluster.split-brain-resolver.stable-after"),
            // Akka settings of the core alone (failure detectors, logging), laid over what CoreConfig builds.
            c.HasPath("actorkeys.cluster.core.akka")
                ? ConfigurationFactory.ParseString("akka " + c.GetConfig("actorkeys.cluster.core.akka").Root)
                : ConfigurationFactory.Empty);
        // No seed node is allowed only for a program that joins its core by hand (Akka's Cluster.Join), as tests do.
        return settings;
    }
}
