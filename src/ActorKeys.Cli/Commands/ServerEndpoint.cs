using System.Globalization;
using ActorKeys.Cli.Errors;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// The value of <c>--server HOST:PORT</c>. IPv6 literals are refused with their own sentence: the host replaces
/// the one in an Akka address, which would need it bracketed, and that path has not been tried here.
/// </summary>
public sealed record ServerEndpoint(string Host, int Port)
{
    public static ServerEndpoint Parse(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon > 0 && colon < value.Length - 1)
        {
            var host = value[..colon];
            if (host.Contains(':') || host.StartsWith('['))
            {
                throw new CliException(ExitCode.Usage,
                    $"'{Actors.Text.Printable.Escape(value)}' is an IPv6 address, which --server does not take yet; use the server's host name or IPv4 address, such as 127.0.0.1:4053.");
            }
            var portText = value[(colon + 1)..];
            var hostOk = host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
            if (hostOk && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            {
                return new ServerEndpoint(host, port);
            }
        }
        throw new CliException(ExitCode.Usage,
            $"'{Actors.Text.Printable.Escape(value)}' is not a valid --server value; write it as HOST:PORT, such as 127.0.0.1:4053.");
    }
}
