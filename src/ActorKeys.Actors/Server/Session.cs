using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Event;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Inbound;
using ActorKeys.Actors.Telemetry;
using ActorKeys.Actors.Text;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;

namespace ActorKeys.Actors.Server;

/// <summary>
/// One client connection on the server. It does the X25519 step, answers the Challenge, waits for the Finish
/// (at most <c>handshake-timeout</c>), then opens the client's records, hands their text to the application
/// actor and seals its replies. It watches the client actor, and stops on <c>close</c>, on any bad record,
/// on timeout, or when the client is gone; its keys are zeroed in <see cref="PostStop"/>.
/// </summary>
/// <remarks>
/// An <see cref="UntypedActor"/> with a plain switch, no timer scheduler and a logger made only when needed:
/// a server holds one of these per idle client, so every per-instance table counts (see README, Performance).
/// </remarks>
public sealed class Session : UntypedActor
{
    private readonly IActorRef _client;
    private readonly IActorRef _application;
    private readonly ServerSettings _settings;
    private readonly IRandomSource _random;
    private readonly ServerMetrics _metrics;
    private string _clientId = "?";
    private uint _epoch;
    /// <summary>When the session started, then (once established) when its Finish verified: <see cref="Stopwatch"/> ticks.</summary>
    private long _since;
    private SessionEndReason _endReason = SessionEndReason.Stopped;
    private ServerHandshake? _handshake;
    private SecureChannel? _channel;
    private ICancelable? _handshakeTimeout;
    private ILoggingAdapter? _log;
    private string _stopReason = "stopped";

    /// <summary>
    /// The session starts when its parent tells it the <see cref="StartSession"/>: as a message it is gone once
    /// handled, where a constructor argument would stay referenced by the actor's Props (the Hello and the zeroed
    /// access key) for as long as the session lives.
    /// </summary>
    public Session(IActorRef client, IActorRef application, ServerSettings settings, IRandomSource random, ServerMetrics metrics)
    {
        _client = client;
        _application = application;
        _settings = settings;
        _random = random;
        _metrics = metrics;
    }

    public static Props Props(IActorRef client, IActorRef application, ServerSettings settings, IRandomSource random, ServerMetrics metrics) =>
        Akka.Actor.Props.Create(() => new Session(client, application, settings, random, metrics));

    private ILoggingAdapter Log => _log ??= Context.GetLogger();

    private void Start(StartSession start)
    {
        _clientId = start.Hello.ClientId;
        _epoch = start.Hello.Epoch;
        _since = Stopwatch.GetTimestamp();
        _handshake = new ServerHandshake(start.Hello, start.AccessKey);
        Challenge challenge;
        try
        {
            challenge = _handshake.Respond(_random);
        }
        catch (HandshakeException e)
        {
            End(e.Message, SessionEndReason.Rejected, new Rejected(RejectReason.ProtocolViolation));
            return;
        }
        Context.Watch(_client);
        _client.Tell(challenge, Self);
        _handshakeTimeout = Context.System.Scheduler.ScheduleTellOnceCancelable(
            _settings.HandshakeTimeout, Self, HandshakeTimedOut.Instance, Self);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StartSession start when _handshake is null && _channel is null && Sender.Equals(Context.Parent):
                Start(start);
                break;
            // Only the client that sent the Hello takes part: a stranger that learned this actor's path must not
            // be able to end someone else's session with a bad Finish or record.
            case Finish or Sealed or RefusedWireMessage when !Sender.Equals(_client):
                Log.Debug("Session for client {0} ignored a {1} from {2}", _clientId, message.GetType().Name, Sender.Path);
                break;
            case Finish finish when _channel is null && _handshake is not null:
                OnFinish(finish);
                break;
            // A frame from this client that claimed to be a record or a Finish and did not decode: too large for
            // max-message-bytes, or malformed. Fail closed, as for a record that does not authenticate.
            case RefusedWireMessage { Ak1Manifest: not null } refused:
                End($"refused a malformed or oversized {(refused.Ak1Manifest == "S" ? "record" : "message")}", SessionEndReason.RefusedRecord);
                break;
            case Sealed when _channel is null:
                End("a record arrived before the Finish", SessionEndReason.RefusedRecord);
                break;
            case Sealed record:
                OnSealed(record);
                break;
            case ReplyToClient reply when _channel is not null:
                OnReply(reply);
                break;
            case HandshakeTimedOut when _channel is null:
                End("no Finish within the handshake timeout", SessionEndReason.Timeout);
                break;
            case Terminated t when t.ActorRef.Equals(_client):
                End(_channel is null ? "the client went away during the handshake" : "the client went away", SessionEndReason.ClientGone);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void OnFinish(Finish finish)
    {
        try
        {
            _channel = _handshake!.HandleFinish(finish, _settings.MaxMessageBytes);
        }
        catch (HandshakeException e)
        {
            End(e.Message, SessionEndReason.Rejected, new Rejected(RejectReason.AuthenticationFailed));
            return;
        }
        _handshake.Dispose();
        _handshake = null;
        CancelHandshakeTimeout();
        _metrics.SessionEstablished(_since);
        _since = Stopwatch.GetTimestamp();
        if (InfoEnabled)
        {
            // The id passed ClientId.IsValid before any session existed; the address is escaped all the same.
            Context.GetLogger().Info("Session established: client '{0}' epoch {1} from {2}",
                _clientId, _epoch, Printable.Escape(_client.Path.Address.ToString()));
        }
        Context.Parent.Tell(HandshakeCompleted.Instance);
        Context.System.EventStream.Publish(new SessionEstablished(_clientId, Self));
    }

    private void OnSealed(Sealed record)
    {
        OpenedText opened;
        try
        {
            opened = _channel!.OpenText(record);
        }
        catch (SecureChannelException e)
        {
            End($"refused a record ({e.Error})", SessionEndReason.RefusedRecord);
            return;
        }
        _metrics.RecordOpened();
        if (opened.Kind == RecordKind.Close)
        {
            End("the client closed the session", SessionEndReason.Closed);
            return;
        }
        _application.Tell(new ClientMessage(_clientId, opened.Text), Self);
    }

    private void OnReply(ReplyToClient reply)
    {
        Sealed? record;
        try
        {
            record = _channel!.SealText(reply.Text);
        }
        catch (SecureChannelException e)
        {
            End($"could not seal a reply ({e.Error})", SessionEndReason.Error);
            return;
        }
        if (record is null)
        {
            Log.Warning("Dropped a reply to client {0}: it is above max-message-bytes", _clientId);
            return;
        }
        _metrics.RecordSealed();
        _client.Tell(record, Self);
    }

    /// <summary>Stops this session, first telling the client <paramref name="answer"/> when there is one.</summary>
    /// <param name="reason">Free text for the <see cref="SessionStopped"/> event and debug lines.</param>
    /// <param name="kind">The fixed reason metrics and the operator's "Session ended" line carry.</param>
    private void End(string reason, SessionEndReason kind, Rejected? answer = null)
    {
        _stopReason = reason;
        _endReason = kind;
        if (answer is not null)
        {
            _client.Tell(answer, Self);
            _metrics.Rejected(answer.Reason);
            Log.Warning("Session for client {0} rejected ({1}): {2}", _clientId, answer.Reason.ToWireName(), reason);
        }
        else
        {
            Log.Debug("Session for client {0} ended: {1}", _clientId, reason);
        }
        Context.Stop(Self);
    }

    /// <summary>Read from the event stream, so that a session keeps no logger of its own unless a line is written.</summary>
    private bool InfoEnabled => Context.System.EventStream.LogLevel <= LogLevel.InfoLevel;

    private void CancelHandshakeTimeout()
    {
        _handshakeTimeout?.Cancel();
        _handshakeTimeout = null;
    }

    protected override void PostStop()
    {
        CancelHandshakeTimeout();
        _handshake?.Dispose();
        _channel?.Dispose();
        _metrics.SessionEnded(_endReason);
        if (_since != 0 && InfoEnabled)
        {
            var seconds = Stopwatch.GetElapsedTime(_since).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            Context.GetLogger().Info(_handshake is null && _channel is not null
                ? "Session ended: client '{0}' after {1} s ({2})"
                : "Handshake ended: client '{0}' after {1} s ({2})", _clientId, seconds, _endReason.Name());
        }
        Context.System.EventStream.Publish(new SessionStopped(_clientId, Self, _stopReason));
    }

    private sealed class HandshakeTimedOut
    {
        public static readonly HandshakeTimedOut Instance = new();
    }
}
