using System.Net.Sockets;
using ActorKeys.Cli.Commands;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Session;

/// <summary>
/// One TCP connection to the server's host and port before the handshake, closed at once. Akka.Remote retries a
/// refused association quietly, so without it a client waited the whole handshake timeout to report what the
/// operating system said in a millisecond; and a port that accepts while the handshake goes unanswered points to the
/// host-name rule (see <see cref="NoAnswer"/>).
/// </summary>
public static class ServerProbe
{
    /// <summary>Longer than any loopback or LAN connect; a silent firewall is left to the handshake timeout.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>True when the port accepted; false when the probe could not tell. Throws when the connection is refused.</summary>
    public static async Task<bool> AcceptsAsync(string serverAddress, CancellationToken cancellation)
    {
        var endpoint = ServerEndpoint.Parse(serverAddress);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            throw new CliException(ExitCode.ServerUnreachable, Strings.ConnectionRefused(serverAddress, endpoint.Host, endpoint.Port));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
        {
            throw new CliException(ExitCode.ServerUnreachable, Strings.HostNotResolved(endpoint.Host, serverAddress));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            return false; // unreachable network, filtered port...: the handshake timeout reports it
        }
    }

    /// <summary>
    /// The sentence for a handshake that timed out although the port accepted connections: Akka.Remote drops messages
    /// addressed to another name than the one the server listens on (localhost for 127.0.0.1, for instance).
    /// </summary>
    public static CliException NoAnswer(string serverAddress, TimeSpan waited) =>
        new(ExitCode.ServerUnreachable, Strings.AcceptsButNoAnswer(serverAddress, ClientEventErrors.Seconds(waited)));
}
