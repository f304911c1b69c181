using ActorKeys.Actors.Configuration;
using ActorKeys.Cli.Errors;
using Akka.Configuration;
using ActorKeys.Actors.Logging;

namespace ActorKeys.Cli.Hocon;

/// <summary>
/// The HOCON a command hands to ActorKeysHost, in three layers (later wins): the command's own defaults (so that a
/// short file, or none at all as in <c>demo</c>, still gives a working system), the user's file, and what the command
/// line fixes (log routing, <c>--port</c>).
/// </summary>
public static class CliHocon
{
    public const string DefaultServerConfig = "hocon/server.hocon";
    public const string DefaultClientConfig = "hocon/client.hocon";

    private const string ServerDefaults = """
        akka.loglevel = WARNING
        akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
        akka.remote.dot-netty.tcp.port = 4053
        """;

    // A client is never dialled first, so any free port will do.
    private const string ClientDefaults = """
        akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
        akka.remote.dot-netty.tcp.port = 0
        """;

    // stdout-loglevel covers the moments before the loggers start and after they stop; OFF keeps stdout clean.
    private static readonly string Routing = $"""
        akka.loggers = ["{StandardErrorLogger.TypeName}"]
        akka.stdout-loglevel = OFF
        """;

    // The client talks to a person on this terminal: Akka's warnings (association retries and the like) would only
    // bury the one sentence that says what went wrong.
    private const string ClientQuiet = "akka.loglevel = ERROR";

    public static string Server(string? configFile, int? port) => Checked(configFile, DefaultServerConfig, Join(
        ServerDefaults,
        ReadConfig(configFile, DefaultServerConfig),
        Routing,
        port is null ? "" : $"akka.remote.dot-netty.tcp.port = {port.Value}"), config => ServerSettings.From(config));

    /// <summary>
    /// For <c>demo</c>: the embedded defaults only (no file, so it runs the same from any folder), loopback on a free
    /// port, and only errors logged: the demo's output is the transcript.
    /// </summary>
    public static string DemoServer() => Join(ServerDefaults, Routing, "akka.remote.dot-netty.tcp.port = 0", ClientQuiet);

    public static string DemoClient() => Join(ClientDefaults, Routing, ClientQuiet);

    /// <param name="serverAddress">A whole server address given with --server, which wins over the file's.</param>
    public static string Client(string? configFile, string? serverAddress = null) => Checked(configFile, DefaultClientConfig, Join(
        ClientDefaults,
        ReadConfig(configFile, DefaultClientConfig),
        Routing,
        ClientQuiet,
        serverAddress is null ? "" : $"actorkeys.client.server-address = \"{serverAddress}\""), config => ClientSettings.From(config));

    /// <summary>
    /// The text of the file given with --config (which must exist), or of the default file when it exists in the
    /// current folder; without either the embedded defaults apply.
    /// </summary>
    private static string ReadConfig(string? configFile, string defaultFile)
    {
        if (configFile is null)
        {
            return File.Exists(defaultFile) ? Complete(ReadText(defaultFile), defaultFile) : "";
        }
        if (Directory.Exists(configFile))
        {
            throw new CliException(ExitCode.Usage,
                $"The configuration file {Path.GetFullPath(configFile)} is a folder; give the file itself with --config, such as {defaultFile}, or leave --config out to use the defaults.");
        }
        if (!File.Exists(configFile))
        {
            throw new CliException(ExitCode.Usage,
                $"The configuration file {Path.GetFullPath(configFile)} does not exist; give an existing file with --config, or leave --config out to use the defaults.");
        }
        return Complete(ReadText(configFile), configFile);
    }

    private static string ReadText(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(file, "it could not be read; check its permissions");
        }
    }

    /// <summary>
    /// The layers are joined as text, so a file that leaves an object open ("akka { remote {") would swallow the
    /// layers after it: --port would silently land under akka.remote. A sentinel key after the file must stay at
    /// the top level.
    /// </summary>
    private static string Complete(string text, string file)
    {
        // Before the parser: it drops what it cannot read, and never returns from an unclosed list.
        if (HoconShape.Problem(text) is { } shape)
        {
            throw Invalid(file, shape);
        }
        const string sentinel = "actorkeys-cli-sentinel";
        var parsed = Parse(text + $"\n{sentinel} = 1", file);
        if (!parsed.HasPath(sentinel))
        {
            throw Invalid(file, "an object is not closed");
        }
        if (SettingChecks.UnknownKey(Parse(text, file)) is { } unknown)
        {
            throw Invalid(file, unknown);
        }
        return text;
    }

    /// <summary>Reads every actorkeys.* setting once, so a bad value is reported here, naming the file, and not as a crash later.</summary>
    private static string Checked(string? configFile, string defaultFile, string hocon, Action<Config> read)
    {
        try
        {
            var config = ActorKeysConfig.Load(null, hocon);
            if (SettingChecks.BadValue(config) is { } bad)
            {
                throw Invalid(configFile ?? defaultFile, bad);
            }
            read(config);
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or OverflowException or ArgumentException)
        {
            throw Invalid(configFile ?? defaultFile, e.Message.TrimEnd('.'));
        }
        return hocon;
    }

    private static Config Parse(string text, string file)
    {
        try
        {
            return ConfigurationFactory.ParseString(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Invalid(file, e.Message.Split('\n')[0].TrimEnd('.'));
        }
    }

    private static CliException Invalid(string file, string why) => new(ExitCode.Usage,
        $"The configuration {Path.GetFullPath(file)} is not valid ({why}); fix it, or leave --config out to use the defaults.");

    private static string Join(params string[] layers) => string.Join("\n", layers.Where(l => l.Length > 0));
}
