using System.Globalization;
using System.Text.RegularExpressions;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// One entry of <c>--server</c>: <c>HOST:PORT</c>, or a whole Akka address such as the server's banner shows
/// (<c>akka.tcp://actorkeys-server@127.0.0.1:4053</c>), which also names the server's system; several server nodes are
/// separated by commas (<see cref="ParseList"/>). IPv6 literals are
/// refused with their own sentence: the host replaces the one in an Akka address, which would need it bracketed,
/// and that path has not been tried here.
/// </summary>
public sealed partial record ServerEndpoint(string Host, int Port, string? SystemName = null)
{
    private const string Scheme = "akka.tcp://";

    /// <summary>The address to put in actorkeys.client.server-address when a whole one was given, else null.</summary>
    public string? AkkaAddress => SystemName is null ? null : $"{Scheme}{SystemName}@{Host}:{Port}";

    /// <summary>
    /// <c>--server</c>'s whole value: one node or several separated by commas, each checked as <see cref="Parse"/> does;
    /// the first bad entry is named in the one sentence. An empty entry (<c>a,,b</c>, a trailing comma) names the whole value.
    /// </summary>
    public static IReadOnlyList<ServerEndpoint> ParseList(string value)
    {
        var entries = value.Split(',', StringSplitOptions.TrimEntries);
        if (entries.Any(e => e.Length == 0))
        {
            throw Invalid(value);
        }
        return [.. entries.Select(Parse)];
    }

    /// <summary>As the configuration takes it: a whole address, or a host and port for the configured node's system.</summary>
    public Actors.Configuration.ServerNodeOverride ToOverride() =>
        AkkaAddress is { } address ? new(address) : new(null, Host, Port);

    public static ServerEndpoint Parse(string value)
    {
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return ParseAddress(value);
        }
        return ParseHostPort(value, value) ?? throw Invalid(value);
    }

    private static ServerEndpoint ParseAddress(string value)
    {
        // A trailing '/' is how Akka prints some addresses; anything after the port (a path) is not an address.
        var match = AddressPattern().Match(value.TrimEnd('/'));
        if (!match.Success)
        {
            throw Invalid(value);
        }
        var endpoint = ParseHostPort(match.Groups["hostPort"].Value, value) ?? throw Invalid(value);
        return endpoint with { SystemName = match.Groups["system"].Value };
    }

    private static ServerEndpoint? ParseHostPort(string hostPort, string value)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || colon >= hostPort.Length - 1)
        {
            return null;
        }
        var host = hostPort[..colon];
        if (host.Contains(':') || host.StartsWith('['))
        {
            throw new CliException(ExitCode.Usage, Strings.ServerIpv6(Actors.Text.Printable.Escape(value)));
        }
        var portText = hostPort[(colon + 1)..];
        var hostOk = host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
        if (hostOk && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return new ServerEndpoint(host, port);
        }
        return null;
    }

    private static CliException Invalid(string value) => new(ExitCode.Usage, Strings.ServerInvalid(Actors.Text.Printable.Escape(value)));

    // Akka's rule for system names: ASCII letters, digits, '-' and '_', not starting with '-' or '_'.
    [GeneratedRegex(@"^akka\.tcp://(?<system>[A-Za-z0-9][A-Za-z0-9_-]*)@(?<hostPort>[^/@]+)$")]
    private static partial Regex AddressPattern();
}
