using Akka.Configuration;

namespace ActorKeys.Actors.Configuration;

/// <summary>
/// Puts a system's configuration together, highest precedence first: explicit HOCON overrides, then the
/// host/port given on the command line, then the HOCON file (hocon/server.hocon or hocon/client.hocon), then
/// the embedded reference.conf.
/// </summary>
public static class ActorKeysConfig
{
    public static Config Load(string? configFile, string? overrides = null, string? hostname = null, int? port = null)
    {
        var config = ConfigurationFactory.Empty;
        if (!string.IsNullOrWhiteSpace(overrides))
        {
            config = ConfigurationFactory.ParseString(overrides);
        }
        if (hostname is not null)
        {
            config = config.WithFallback(ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.hostname = \"{hostname}\""));
        }
        if (port is not null)
        {
            config = config.WithFallback(ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.port = {port.Value}"));
        }
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new FileNotFoundException($"The configuration file {configFile} does not exist.", configFile);
            }
            config = config.WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(configFile)));
        }
        return config.WithFallback(ActorKeysSettings.ReferenceConfig);
    }
}
