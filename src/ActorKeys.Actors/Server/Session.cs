using System.Text;
using Akka.Actor;
using Akka.Event;
using ActorKeys.Actors.Configuration;
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
public sealed class Session : ReceiveActor, IWithTimers
{
    private const string HandshakeTimer = "handshake-timeout";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _clientId;
    private readonly IActorRef _client;
    private readonly IActorRef _application;
    private readonly ServerSettings _settings;
    private readonly IRandomSource _random;
    private ServerHandshake? _handshake;
    private SecureChannel? _channel;
    private string _stopReason = "stopped";

    public Session(StartSession start, IActorRef application, ServerSettings settings, IRandomSource random)
    {
        _clientId = start.Hello.ClientId;
        _client = start.Client;
        _application = application;
        _settings = settings;
        _random = random;
        _handshake = new ServerHandshake(start.Hello, start.AccessKey);
        AwaitingFinish();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(StartSession start, IActorRef application, ServerSettings settings, IRandomSource random) =>
        Akka.Actor.Props.Create(() => new Session(start, application, settings, random));

    protected override void PreStart()
    {
        Challenge challenge;
        try
        {
            challenge = _handshake!.Respond(_random);
        }
        catch (HandshakeException e)
        {
            End(e.Message, new Rejected(RejectReason.ProtocolViolation));
            return;
        }
        Context.Watch(_client);
        _client.Tell(challenge, Self);
        Timers.StartSingleTimer(HandshakeTimer, HandshakeTimedOut.Instance, _settings.HandshakeTimeout);
    }

    private void AwaitingFinish()
    {
        // Only the client that sent the Hello takes part: a stranger that learned this actor's path must not
        // be able to end someone else's session with a bad Finish or record.
        Receive<Finish>(_ => !FromClient(), _ => Ignore("Finish"));
        Receive<Sealed>(_ => !FromClient(), _ => Ignore("record"));
        Receive<Finish>(OnFinish);
        Receive<HandshakeTimedOut>(_ => End("no Finish within the handshake timeout"));
        Receive<Sealed>(_ => End("a record arrived before the Finish"));
        Receive<Terminated>(t => t.ActorRef.Equals(_client), _ => End("the client went away during the handshake"));
    }

    private void Established()
    {
        Receive<Sealed>(_ => !FromClient(), _ => Ignore("record"));
        Receive<Sealed>(OnSealed);
        Receive<ReplyToClient>(OnReply);
        Receive<Terminated>(t => t.ActorRef.Equals(_client), _ => End("the client went away"));
    }

    private bool FromClient() => Sender.Equals(_client);

    private void Ignore(string what) => _log.Debug("Session for client {0} ignored a {1} from {2}", _clientId, what, Sender.Path);

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
        Timers.Cancel(HandshakeTimer);
        Become(Established);
        Context.Parent.Tell(HandshakeCompleted.Instance);
        Context.System.EventStream.Publish(new SessionEstablished(_clientId, Self));
    }

    private void OnSealed(Sealed record)
    {
        OpenedRecord opened;
        try
        {
            opened = _channel!.Open(record);
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
        _application.Tell(new ClientMessage(_clientId, Encoding.UTF8.GetString(opened.Body)), Self);
    }

    private void OnReply(ReplyToClient reply)
    {
        var body = Encoding.UTF8.GetBytes(reply.Text);
        if (body.Length > _channel!.MaxBodyBytes)
        {
            _log.Warning("Dropped a reply to client {0}: {1} bytes is above max-message-bytes", _clientId, body.Length);
            return;
        }
        _client.Tell(_channel.Seal(RecordKind.Data, body), Self);
    }

    /// <summary>Stops this session, first telling the client <paramref name="answer"/> when there is one.</summary>
    private void End(string reason, Rejected? answer = null)
    {
        _stopReason = reason;
        if (answer is not null)
        {
            _client.Tell(answer, Self);
            _log.Warning("Session for client {0} rejected ({1}): {2}", _clientId, answer.Reason.ToWireName(), reason);
        }
        else
        {
            _log.Info("Session for client {0} ended: {1}", _clientId, reason);
        }
        Context.Stop(Self);
    }

    protected override void PostStop()
    {
        _handshake?.Dispose();
        _channel?.Dispose();
        Context.System.EventStream.Publish(new SessionStopped(_clientId, Self, _stopReason));
    }

    private sealed class HandshakeTimedOut
    {
        public static readonly HandshakeTimedOut Instance = new();
    }
}
