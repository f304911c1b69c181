using ActorKeys.Actors.Configuration;
using ActorKeys.Cli.Commands;
using ActorKeys.Cli.Errors;
using Akka.Configuration;
using ActorKeys.Actors.Logging;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Hocon;

/// <summary>
/// The configuration a command starts its system with, built once (<see cref="ActorKeysConfig.Build"/>) and checked
/// before anything starts: the user's file (or <c>hocon/server.hocon</c> / <c>hocon/client.hocon</c> in the current
/// folder, or none), then what the command line fixes as typed overrides (log routing, <c>--port</c>,
/// <c>--server</c>, <c>--keystores</c>). Defaults come from the embedded reference.conf only.
/// </summary>
public static class CliConfig
{
    public const string DefaultServerConfig = "hocon/server.hocon";
    public const string DefaultClientConfig = "hocon/client.hocon";

    /// <param name="logLevel">--log-level as Akka spells it; when null, the file's akka.loglevel or the default, WARNING.</param>
    public static Config Server(string? configFile, int? port, string? masterKeyPath = null, string? logLevel = null) => Checked(configFile, DefaultServerConfig,
        ActorKeysConfig.Build(SystemRole.Server, ReadConfig(configFile, DefaultServerConfig),
            Logging() with { Port = port, MasterKeyPath = masterKeyPath, LogLevel = logLevel }),
        config =>
        {
            ServerSettings.From(config);
            Actors.Registry.RegistrySettings.From(config);
            Actors.Telemetry.TelemetrySettings.From(config);
        });

    /// <summary>
    /// For <c>demo</c>: the embedded defaults only (no file, so it runs the same from any folder), loopback on a free
    /// port, and only errors logged: the demo's output is the transcript.
    /// </summary>
    public static Config DemoServer() => ActorKeysConfig.Build(SystemRole.Server, null, Logging() with { Port = 0, LogLevel = "ERROR" });

    public static Config DemoClient(Akka.Actor.Address server, string keystores) => ActorKeysConfig.Build(SystemRole.Client, null,
        Logging() with { LogLevel = "ERROR", ServerAddress = server.ToString(), KeystoreFolder = keystores });

    /// <param name="endpoints">
    /// What --server gave, one node or several: each a whole address, or a host and port for the file's (first) address.
    /// They replace both actorkeys.client.server-addresses and server-address.
    /// </param>
    /// <param name="keystores">What --keystores gave.</param>
    /// <param name="logLevel">--log-level as Akka spells it; when null, ERROR.</param>
    public static Config Client(string? configFile, IReadOnlyList<ServerEndpoint>? endpoints, string? keystores, string? logLevel = null) => Checked(configFile, DefaultClientConfig,
        ActorKeysConfig.Build(SystemRole.Client, ReadConfig(configFile, DefaultClientConfig), Logging() with
        {
            // The client talks to a person on this terminal: Akka's warnings (association retries and the like)
            // would only bury the one sentence that says what went wrong, unless --log-level asks for them.
            LogLevel = logLevel ?? "ERROR",
            ServerNodes = endpoints?.Select(e => e.ToOverride()).ToList(),
            KeystoreFolder = keystores,
        }), config => ClientSettings.From(config));

    /// <summary>Akka's log lines go to standard error, one line each, budgeted (see <see cref="StandardErrorLogger"/>).</summary>
    private static ConfigOverrides Logging() => new() { Logger = StandardErrorLogger.TypeName };

    /// <summary>
    /// The text of the file given with --config (which must exist), or of the default file when it exists in the
    /// current folder; without either the embedded defaults apply.
    /// </summary>
    private static Config? ReadConfig(string? configFile, string defaultFile)
    {
        if (configFile is null)
        {
            return File.Exists(defaultFile) ? Complete(ReadText(defaultFile), defaultFile) : null;
        }
        if (Directory.Exists(configFile))
        {
            throw new CliException(ExitCode.Usage, Strings.ConfigIsFolder(Path.GetFullPath(configFile), defaultFile));
        }
        if (!File.Exists(configFile))
        {
            throw new CliException(ExitCode.Usage, Strings.ConfigMissing(Path.GetFullPath(configFile)));
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
            throw Invalid(file, Strings.ConfigUnreadable);
        }
    }

    /// <summary>
    /// Parses the file, once, after checking its brackets and quotes (HoconShape: Akka's parser drops what it cannot
    /// read, and never returns from an unclosed list), and refuses keys that are no setting.
    /// </summary>
    private static Config Complete(string text, string file)
    {
        if (HoconShape.Problem(text) is { } shape)
        {
            throw Invalid(file, shape);
        }
        var config = Parse(text, file);
        if (SettingChecks.UnknownKey(config) is { } unknown)
        {
            throw Invalid(file, unknown);
        }
        return config;
    }

    /// <summary>Reads every actorkeys.* setting once, so a bad value is reported here, naming the file, and not as a crash later.</summary>
    private static Config Checked(string? configFile, string defaultFile, Config config, Action<Config> read)
    {
        try
        {
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
        return config;
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

    // The reason may be Akka's own text (a parse error), which stays English.
    private static CliException Invalid(string file, string why) => new(ExitCode.Usage, Strings.ConfigInvalid(Path.GetFullPath(file), why));

}
