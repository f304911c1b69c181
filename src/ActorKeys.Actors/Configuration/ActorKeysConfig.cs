using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;

namespace ActorKeys.Actors.Configuration;

/// <summary>Which kind of system a configuration is for: it picks the role's defaults under <c>actorkeys.defaults</c>.</summary>
public enum SystemRole
{
    Server,
    Client,
}

/// <summary>
/// What a command line (or a program embedding ActorKeys) changes, as typed values. They are turned into
/// configuration in one place, <see cref="ActorKeysConfig.Build"/>, and nowhere else.
/// </summary>
public sealed record ConfigOverrides
{
    /// <summary>The port this system listens on (a server's <c>--port</c>; 0 for any free port).</summary>
    public int? Port { get; init; }

    /// <summary>A client's whole server address (system name included), replacing <c>actorkeys.client.server-address</c>.</summary>
    public string? ServerAddress { get; init; }

    /// <summary>Replace only the host and port of the client's server address (<c>--server HOST:PORT</c>).</summary>
    public string? ServerHost { get; init; }

    public int? ServerPort { get; init; }

    /// <summary>
    /// Several server nodes (<c>--server a,b</c>), replacing both <c>actorkeys.client.server-addresses</c> and
    /// <c>server-address</c>; when given, <see cref="ServerAddress"/>, <see cref="ServerHost"/> and <see cref="ServerPort"/> are not read.
    /// </summary>
    public IReadOnlyList<ServerNodeOverride>? ServerNodes { get; init; }

    public string? KeystoreFolder { get; init; }

    public string? MasterKeyPath { get; init; }

    /// <summary>Akka's log level (<c>DEBUG</c>, <c>INFO</c>, <c>WARNING</c>, <c>ERROR</c>).</summary>
    public string? LogLevel { get; init; }

    /// <summary>The one logger actor's type ("Type, Assembly"); Akka's own console output is then switched off.</summary>
    public string? Logger { get; init; }
}

/// <summary>
/// One server node a command line names: a whole <paramref name="Address"/>, or a <paramref name="Host"/> and
/// <paramref name="Port"/> that replace those of the configured (first) node, keeping its system name.
/// </summary>
public sealed record ServerNodeOverride(string? Address, string? Host = null, int? Port = null);

/// <summary>
/// The one configuration path. A system's configuration is built once, highest precedence first: the typed
/// <see cref="ConfigOverrides"/>, HOCON text laid over the file (tests), the deployment's file (<c>hocon/*.hocon</c>:
/// only what a deployment changes), the role's defaults (<c>actorkeys.defaults.server</c> or <c>.client</c>), the
/// security settings of client-facing systems (<c>actorkeys.client-facing</c>), and the rest of the embedded
/// reference.conf, the only home of defaults.
/// </summary>
public static class ActorKeysConfig
{
    public static Config Build(SystemRole role, Config? file = null, ConfigOverrides? overrides = null, string? hocon = null)
    {
        var reference = ActorKeysSettings.ReferenceConfig;
        var layered = (string.IsNullOrWhiteSpace(hocon) ? ConfigurationFactory.Empty : ConfigurationFactory.ParseString(hocon))
            .WithFallback(file ?? ConfigurationFactory.Empty)
            .WithFallback(reference.GetConfig($"actorkeys.defaults.{(role == SystemRole.Server ? "server" : "client")}"))
            .WithFallback(reference.GetConfig("actorkeys.client-facing"))
            .WithFallback(reference);
        var typed = Typed(overrides, layered);
        return typed.Count == 0 ? layered : ConfigurationFactory.ParseString(string.Join("\n", typed)).WithFallback(layered);
    }

    /// <summary>Reads and parses a HOCON file (once); a missing file is a <see cref="FileNotFoundException"/>.</summary>
    public static Config ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The configuration file {path} does not exist.", path);
        }
        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }

    private static List<string> Typed(ConfigOverrides? o, Config layered)
    {
        var lines = new List<string>();
        if (o is null)
        {
            return lines;
        }
        if (o.Port is { } port)
        {
            lines.Add($"akka.remote.dot-netty.tcp.port = {port}");
        }
        if (o.ServerNodes is { Count: > 0 } nodes)
        {
            var addresses = nodes.Select(n => n.Address ?? WithHostAndPort(layered, n.Host, n.Port)).ToList();
            lines.Add($"actorkeys.client.server-addresses = [{string.Join(", ", addresses.Select(Quote))}]");
            lines.Add($"actorkeys.client.server-address = {Quote(addresses[0])}");
        }
        else
        {
            var address = o.ServerAddress;
            if (address is null && (o.ServerHost is not null || o.ServerPort is not null))
            {
                address = WithHostAndPort(layered, o.ServerHost, o.ServerPort);
            }
            if (address is not null)
            {
                // One node given: a list in the file must not win over it.
                lines.Add($"actorkeys.client.server-address = {Quote(address)}");
                lines.Add("actorkeys.client.server-addresses = []");
            }
        }
        Add(lines, "actorkeys.client.keystore-folder", o.KeystoreFolder);
        Add(lines, "actorkeys.server.master-key-path", o.MasterKeyPath);
        Add(lines, "akka.loglevel", o.LogLevel);
        if (o.Logger is not null)
        {
            // stdout-loglevel covers the moments before the loggers start and after they stop.
            lines.Add($"akka.loggers = [{Quote(o.Logger)}]");
            lines.Add("akka.stdout-loglevel = OFF");
        }
        return lines;
    }

    /// <summary>The configured first server node (the list's, else the single address) with another host or port.</summary>
    private static string WithHostAndPort(Config layered, string? host, int? port)
    {
        var list = layered.HasPath("actorkeys.client.server-addresses") ? layered.GetStringList("actorkeys.client.server-addresses") : [];
        var current = Address.Parse(list.Count > 0 ? list[0] : layered.GetString("actorkeys.client.server-address"));
        return current.WithHost(host ?? current.Host).WithPort(port ?? current.Port).ToString();
    }

    private static void Add(List<string> lines, string key, string? value)
    {
        if (value is not null)
        {
            lines.Add($"{key} = {Quote(value)}");
        }
    }

    /// <summary>A HOCON quoted string: JSON's string syntax, which HOCON accepts, so no value can break out of its line.</summary>
    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
