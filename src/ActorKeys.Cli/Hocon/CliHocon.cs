using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Logging;

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

    public static string Server(string? configFile, int? port) => Join(
        ServerDefaults,
        ReadConfig(configFile, DefaultServerConfig),
        Routing,
        port is null ? "" : $"akka.remote.dot-netty.tcp.port = {port.Value}");

    /// <summary>
    /// For <c>demo</c>: the embedded defaults only (no file, so it runs the same from any folder), loopback on a free
    /// port, and only errors logged: the demo's output is the transcript.
    /// </summary>
    public static string DemoServer() => Join(ServerDefaults, Routing, "akka.remote.dot-netty.tcp.port = 0", ClientQuiet);

    public static string DemoClient() => Join(ClientDefaults, Routing, ClientQuiet);

    public static string Client(string? configFile) => Join(
        ClientDefaults,
        ReadConfig(configFile, DefaultClientConfig),
        Routing,
        ClientQuiet);

    /// <summary>
    /// The text of the file given with --config (which must exist), or of the default file when it exists in the
    /// current folder; without either the embedded defaults apply.
    /// </summary>
    private static string ReadConfig(string? configFile, string defaultFile)
    {
        if (configFile is null)
        {
            return File.Exists(defaultFile) ? File.ReadAllText(defaultFile) : "";
        }
        if (!File.Exists(configFile))
        {
            throw new CliException(ExitCode.Usage,
                $"The configuration file {Path.GetFullPath(configFile)} does not exist; give an existing file with --config, or leave --config out to use the defaults.");
        }
        return File.ReadAllText(configFile);
    }

    private static string Join(params string[] layers) => string.Join("\n", layers.Where(l => l.Length > 0));
}
