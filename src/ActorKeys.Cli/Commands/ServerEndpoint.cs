using System.Globalization;
using ActorKeys.Cli.Errors;

namespace ActorKeys.Cli.Commands;

/// <summary>The value of <c>--server HOST:PORT</c> (an IPv6 host in brackets: <c>[::1]:4053</c>).</summary>
public sealed record ServerEndpoint(string Host, int Port)
{
    public static ServerEndpoint Parse(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon > 0 && colon < value.Length - 1)
        {
            var host = value[..colon];
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host[1..^1];
            }
            var portText = value[(colon + 1)..];
            var hostOk = host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':');
            if (hostOk && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            {
                return new ServerEndpoint(host, port);
            }
        }
        throw new CliException(ExitCode.Usage,
            $"'{Actors.Text.Printable.Escape(value)}' is not a valid --server value; write it as HOST:PORT, such as 127.0.0.1:4053.");
    }
}
