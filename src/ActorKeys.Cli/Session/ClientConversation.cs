using System.Threading.Channels;
using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Protocol.Keys;
using ActorKeys.Actors.Text;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Session;

/// <summary>
/// One client session seen as a conversation: wait until the session key is verified, then send a message and wait
/// for its echo, one at a time. Every wait is bounded; an event that ends the session becomes a <see cref="CliException"/>.
/// </summary>
public sealed class ClientConversation
{
    /// <summary>How long an echo may take. The session itself notices a vanished server earlier (death watch).</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a reconnection, how long to wait for the echo of a message that may have gone out on the lost
    /// session: a message given while disconnected is sent after the new handshake and answered quickly.
    /// </summary>
    private static readonly TimeSpan ReplyAfterReconnectTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<IClientEvent> _events = Channel.CreateUnbounded<IClientEvent>();
    private readonly ActorKeysClient _client;
    private readonly IActorRef _listener;
    private readonly IActorRef _session;

    /// <summary>The server node the session uses (or tries first), for the sentences that name one.</summary>
    private string _nodeInUse;

    private ClientConversation(ActorKeysClient client, ClientCredentials credentials, int? firstNode)
    {
        _client = client;
        _nodeInUse = client.Settings.ServerAddresses[firstNode ?? 0];
        _listener = client.System.ActorOf(EventChannel.Props(_events.Writer));
        _session = client.Connect(credentials, _listener, firstNode);
    }

    /// <summary>
    /// Starts the handshake with <paramref name="credentials"/>, which the session actor owns from now on, at the server
    /// node of index <paramref name="firstNode"/> (null: one chosen at random).
    /// </summary>
    public static ClientConversation Start(ActorKeysClient client, ClientCredentials credentials, int? firstNode = null) =>
        new(client, credentials, firstNode);

    public async Task WaitUntilVerifiedAsync(CancellationToken cancellation)
    {
        // The session gives up by itself after a handshake timeout per node; the margin only guards against a lost event.
        var e = await NextAsync(OneRoundAtMost + TimeSpan.FromSeconds(30), cancellation);
        if (e is not SessionKeyVerified)
        {
            throw Failure(e);
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/> and returns the server's answer. When the session is lost and re-established
    /// meanwhile, <paramref name="status"/> hears of it; null means the message went out on the lost session and
    /// got no answer after the reconnection, so it may not have been delivered.
    /// </summary>
    public async Task<string?> ExchangeAsync(string text, Action<string> status, CancellationToken cancellation)
    {
        _session.Tell(new Send(text), ActorRefs.NoSender);
        var timeout = ReplyTimeout;
        while (true)
        {
            IClientEvent e;
            try
            {
                e = await NextAsync(timeout, cancellation);
            }
            catch (CliException) when (timeout == ReplyAfterReconnectTimeout)
            {
                return null;
            }
            catch (CliException failure)
            {
                throw MayNotHaveBeenDelivered(failure, text);
            }
            switch (e)
            {
                case MessageReceived received:
                    return received.Text;
                case ConnectionLost lost:
                    status(Strings.ConnectionLost(lost.Reason));
                    // The session either reconnects or gives up by itself; this only guards against a lost event.
                    timeout = ReconnectingAtMost + TimeSpan.FromSeconds(30);
                    break;
                case Reconnected:
                    status(Strings.Reconnected);
                    timeout = ReplyAfterReconnectTimeout;
                    break;
                default:
                    throw MayNotHaveBeenDelivered(Failure(e), text);
            }
        }
    }

    /// <summary>
    /// While the person is typing: reports losses and reconnections through <paramref name="status"/> as they happen, and
    /// returns the failure of an event that ends the session (a revoked access key, reconnecting given up), so the
    /// command can stop at once instead of at the next message. Runs until that, or until <paramref name="cancellation"/>.
    /// </summary>
    public async Task<CliException> IdleUntilEndedAsync(Action<string> status, CancellationToken cancellation)
    {
        while (true)
        {
            switch (await _events.Reader.ReadAsync(cancellation))
            {
                case ConnectionLost lost:
                    status(Strings.ConnectionLost(lost.Reason));
                    break;
                case Reconnected reconnected:
                    _nodeInUse = reconnected.ServerAddress.Length > 0 ? reconnected.ServerAddress : _nodeInUse;
                    status(Strings.Reconnected);
                    break;
                case MessageReceived:
                    break; // a late echo of a message already reported as unanswered
                case var ended:
                    return Failure(ended);
            }
        }
    }

    /// <summary>The longest one round of handshakes takes: a handshake timeout for each server node.</summary>
    private TimeSpan OneRoundAtMost => _client.Settings.ServerAddresses.Count * _client.Settings.HandshakeTimeout;

    /// <summary>The longest a session keeps trying to reconnect: every attempt's round of handshakes and longest backoff.</summary>
    private TimeSpan ReconnectingAtMost =>
        _client.Settings.Reconnect.MaxAttempts * (OneRoundAtMost + _client.Settings.Reconnect.MaxBackoff);

    /// <summary>
    /// The session ended while <paramref name="text"/> waited for its answer: it went out, or was about to, on a
    /// connection that is gone, so the person is told it may not have arrived (never dropped without a word).
    /// </summary>
    private static CliException MayNotHaveBeenDelivered(CliException failure, string text) =>
        new(failure.Code, Strings.MayNotHaveBeenDelivered(failure.Message.TrimEnd('.'), Printable.Escape(Shortened(text))));

    private static string Shortened(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>
    /// Sends the close record and waits (briefly) for the session to confirm it stopped. On SIGTERM or Ctrl+C the host
    /// has already shut the actor system down by now (measured: within 0.1 s of the signal), so no confirmation can
    /// come: waiting for it held the exit for the whole 5 s, so the wait also ends when the system has terminated.
    /// </summary>
    public async Task DisconnectAsync()
    {
        if (_client.System.WhenTerminated.IsCompleted)
        {
            return;
        }
        _session.Tell(Disconnect.Instance, ActorRefs.NoSender);
        await Task.WhenAny(WaitUntilEndedAsync(), _client.System.WhenTerminated);
        if (!_client.System.WhenTerminated.IsCompleted)
        {
            _client.System.Stop(_listener);
        }
    }

    private async Task WaitUntilEndedAsync()
    {
        try
        {
            while (await NextAsync(DisconnectTimeout, CancellationToken.None) is not SessionEnded)
            {
            }
        }
        catch (CliException)
        {
            // Leaving anyway: the server also ends the session when this system goes away.
        }
    }

    private async Task<IClientEvent> NextAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(timeout);
        try
        {
            var e = await _events.Reader.ReadAsync(timer.Token);
            _nodeInUse = e switch
            {
                SessionKeyVerified { ServerAddress.Length: > 0 } v => v.ServerAddress,
                Reconnected { ServerAddress.Length: > 0 } r => r.ServerAddress,
                _ => _nodeInUse,
            };
            return e;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new CliException(ExitCode.ServerUnreachable,
                Strings.NoAnswerWithin(_nodeInUse, ClientEventErrors.Seconds(timeout)));
        }
    }

    private CliException Failure(IClientEvent e) => ClientEventErrors.For(e, _client.Settings.HandshakeTimeout);
}
