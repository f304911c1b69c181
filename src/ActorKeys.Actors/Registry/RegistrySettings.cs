using ActorKeys.Actors.Configuration;
using Akka.Configuration;

namespace ActorKeys.Actors.Registry;

/// <summary>The server's registry settings: the file (<see cref="RegistryPaths.Resolve"/>) and <c>actorkeys.server.registry-poll-interval</c>.</summary>
public sealed record RegistrySettings(string Path, TimeSpan PollInterval)
{
    public static RegistrySettings From(Config config)
    {
        var c = config.WithFallback(ActorKeysSettings.ReferenceConfig);
        return new RegistrySettings(RegistryPaths.Resolve(c),
            ServerSettings.Positive(c.GetTimeSpan("actorkeys.server.registry-poll-interval"), "actorkeys.server.registry-poll-interval"));
    }
}
