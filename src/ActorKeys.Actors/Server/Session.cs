using Akka.Actor;
using Akka.Event;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Inbound;
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
    private string _clientId = "?";
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
    public Session(IActorRef client, IActorRef application, ServerSettings settings, IRandomSource random)
    {
        _client = client;
        _application = application;
        _settings = settings;
        _random = random;
    }

    public static Props Props(IActorRef client, IActorRef application, ServerSettings settings, IRandomSource random) =>
        Akka.Actor.Props.Create(() => new Session(client, application, settings, random));

    private ILoggingAdapter Log => _log ??= Context.GetLogger();

    private void Start(StartSession start)
    {
        _clientId = start.Hello.ClientId;
        _handshake = new ServerHandshake(start.Hello, start.AccessKey);
        Challenge challenge;
        try
        {
            challenge = _handshake.Respond(_random);
        }
        catch (HandshakeException e)
        {
            End(e.Message, new Rejected(RejectReason.ProtocolViolation));
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
                End($"refused a malformed or oversized {(refused.Ak1Manifest == "S" ? "record" : "message")}");
                break;
            case Sealed when _channel is null:
                End("a record arrived before the Finish");
                break;
            case Sealed record:
                OnSealed(record);
                break;
            case ReplyToClient reply when _channel is not null:
                OnReply(reply);
                break;
            case HandshakeTimedOut when _channel is null:
                End("no Finish within the handshake timeout");
                break;
            case Terminated t when t.ActorRef.Equals(_client):
                End(_channel is null ? "the client went away during the handshake" : "the client went away");
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
            End(e.Message, new Rejected(RejectReason.AuthenticationFailed));
            return;
        }
        _handshake.Dispose();
        _handshake = null;
        CancelHandshakeTimeout();
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
            End($"refused a record ({e.Error})");
            return;
        }
        if (opened.Kind == RecordKind.Close)
        {
            End("the client closed the session");
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
            End($"could not seal a reply ({e.Error})");
            return;
        }
        if (record is null)
        {
            Log.Warning("Dropped a reply to client {0}: it is above max-message-bytes", _clientId);
            return;
        }
        _client.Tell(record, Self);
    }

    /// <summary>Stops this session, first telling the client <paramref name="answer"/> when there is one.</summary>
    private void End(string reason, Rejected? answer = null)
    {
        _stopReason = reason;
        if (answer is not null)
        {
            _client.Tell(answer, Self);
            Log.Warning("Session for client {0} rejected ({1}): {2}", _clientId, answer.Reason.ToWireName(), reason);
        }
        else
        {
            Log.Info("Session for client {0} ended: {1}", _clientId, reason);
        }
        Context.Stop(Self);
    }

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
        Context.System.EventStream.Publish(new SessionStopped(_clientId, Self, _stopReason));
    }

    private sealed class HandshakeTimedOut
    {
        public static readonly HandshakeTimedOut Instance = new();
    }
}
