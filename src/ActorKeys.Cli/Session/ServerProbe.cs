using System.Net.Sockets;
using ActorKeys.Cli.Commands;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Session;

/// <summary>
/// One TCP connection to each server node's host and port before the handshake, closed at once. Akka.Remote retries a
/// refused association quietly, so without it a client waited the whole handshake timeout to report what the
/// operating system said in a millisecond; and a port that accepts while the handshake goes unanswered points to the
/// host-name rule (see <see cref="NoAnswer"/>). With several nodes one refusing node is no failure (the client moves on
/// to the next); only every node refusing is.
/// </summary>
public static class ServerProbe
{
    /// <summary>Longer than any loopback or LAN connect; a silent firewall is left to the handshake timeout.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    private enum Outcome
    {
        Accepts,
        CannotTell,
        Refused,
        NotResolved,
    }

    /// <summary>
    /// The nodes whose port accepted a connection (empty when the probe could not tell for any). Throws when the one node
    /// refuses the connection or its host cannot be resolved, or when every one of several nodes does.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AcceptsAsync(IReadOnlyList<string> serverAddresses, CancellationToken cancellation)
    {
        var outcomes = await Task.WhenAll(serverAddresses.Select(a => ProbeAsync(a, cancellation)));
        if (serverAddresses.Count == 1)
        {
            var endpoint = ServerEndpoint.Parse(serverAddresses[0]);
            switch (outcomes[0])
            {
                case Outcome.Refused:
                    throw new CliException(ExitCode.ServerUnreachable, Strings.ConnectionRefused(serverAddresses[0], endpoint.Host, endpoint.Port));
                case Outcome.NotResolved:
                    throw new CliException(ExitCode.ServerUnreachable, Strings.HostNotResolved(endpoint.Host, serverAddresses[0]));
            }
        }
        else if (outcomes.All(o => o is Outcome.Refused or Outcome.NotResolved))
        {
            throw new CliException(ExitCode.ServerUnreachable, Strings.ConnectionRefusedAll(string.Join(", ", serverAddresses)));
        }
        return [.. serverAddresses.Where((_, i) => outcomes[i] == Outcome.Accepts)];
    }

    private static async Task<Outcome> ProbeAsync(string serverAddress, CancellationToken cancellation)
    {
        var endpoint = ServerEndpoint.Parse(serverAddress);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return Outcome.Accepts;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Outcome.Refused;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
        {
            return Outcome.NotResolved;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            return Outcome.CannotTell; // unreachable network, filtered port...: the handshake timeout reports it
        }
    }

    /// <summary>
    /// The sentence for a handshake that timed out although the port of <paramref name="accepted"/> took connections:
    /// Akka.Remote drops messages addressed to another name than the one the server listens on (localhost for
    /// 127.0.0.1, for instance).
    /// </summary>
    public static CliException NoAnswer(IReadOnlyList<string> accepted, TimeSpan waited) => accepted.Count == 1
        ? new(ExitCode.ServerUnreachable, Strings.AcceptsButNoAnswer(accepted[0], ClientEventErrors.Seconds(waited)))
        : new(ExitCode.ServerUnreachable, Strings.AcceptsButNoAnswerSeveral(string.Join(", ", accepted), ClientEventErrors.Seconds(waited)));
}
