using ActorKeys.Actors.Configuration;
using Akka.Configuration;

namespace ActorKeys.Actors.Registry;

/// <summary>Where the registry file is: <c>actorkeys.server.registry-path</c>, or when empty <c>actorkeys.db</c> beside the master key.</summary>
public static class RegistryPaths
{
    /// <summary>
    /// The full path for <paramref name="config"/>. A relative path is taken from the current folder, as
    /// <c>master-key-path</c> is; the default follows the master key wherever it is.
    /// </summary>
    public static string Resolve(Config config)
    {
        var c = config.WithFallback(ActorKeysSettings.ReferenceConfig);
        var configured = c.GetString("actorkeys.server.registry-path");
        return string.IsNullOrWhiteSpace(configured)
            ? BesideMasterKey(c.GetString("actorkeys.server.master-key-path"))
            : Path.GetFullPath(configured);
    }

    /// <summary><c>actorkeys.db</c> in the folder of <paramref name="masterKeyPath"/>.</summary>
    public static string BesideMasterKey(string masterKeyPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(masterKeyPath))!, RegistryStore.DefaultFileName);
}
