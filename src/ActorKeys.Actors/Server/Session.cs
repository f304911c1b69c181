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
using ActorKeys.Protocol.Values;

namespace ActorKeys.Actors.Server;

/// <summary>
/// One client connection on the server. It does the X25519 step, answers the Challenge, waits for the Finish
/// (at most <c>handshake-timeout</c>), then opens the client's records, hands their text to the application
/// actor and seals its replies. It answers the client's rekeys after checking that the client's epoch and master key are
/// still allowed (PROTOCOL.md, version 2, items 6–8). Its manager watches the client actor for it (see
/// <see cref="SessionTable"/>); it stops on <c>close</c>, on any bad
/// record, on timeout, when its key generation grows older than <c>reject-after</c> (close reason expired), when the
/// key authority says its keys were revoked (close reason revoked), or when the client is gone; its keys are zeroed in
/// <see cref="PostStop"/>.
/// </summary>
/// <remarks>
/// An <see cref="UntypedActor"/> with a plain switch, no timer scheduler and a logger made only when needed:
/// a server holds one of these per idle client, so every per-instance table counts (see README, Performance).
/// </remarks>
public sealed class Session : UntypedActor
{
    /// <summary>The client actor that sent the Hello: set by <see cref="StartSession"/>, the first message a session gets.</summary>
    private IActorRef _client = ActorRefs.Nobody;
    /// <summary>What every session of a server shares: one reference where there were five (32 B less per idle session).</summary>
    private readonly SessionServices _services;
    private string _clientId = "?";
    private uint _epoch;
    private KeyId _keyId;
    /// <summary>When the session started, then (once established) when its Finish verified: <see cref="Stopwatch"/> ticks.</summary>
    private long _since;
    private SessionEndReason _endReason = SessionEndReason.Stopped;
    private ServerHandshake? _handshake;
    private SecureChannel? _channel;
    /// <summary>
    /// An end asked for while the Finish was on its way: the client already believes the session is up, and only a close
    /// record can tell it why it ends, so the session ends with one as soon as the Finish makes the channel.
    /// </summary>
    private CloseReason? _endAfterFinish;
    private ILoggingAdapter? _log;
    private string _stopReason = "stopped";

    /// <summary>
    /// The session starts when its parent tells it the <see cref="StartSession"/>: as a message it is gone once
    /// handled, where a constructor argument would stay referenced by the actor's Props (the Hello and the zeroed
    /// access key) for as long as the session lives. For the same reason the client is in that message too: the
    /// constructor takes only what every session of a server shares, so all of them share one <see cref="Props"/>
    /// (a Props, its Deploy and its arguments per session were about 200 B of every idle session).
    /// </summary>
    public Session(SessionServices services) => _services = services;

    /// <summary>The Props of every session of one server: made once by its <see cref="SessionManager"/>, with one <see cref="SessionServices"/>.</summary>
    public static Props Props(IActorRef application, ServerSettings settings, IRandomSource random, ServerMetrics metrics,
        LifecycleHolder lifecycle)
    {
        var services = new SessionServices(application, settings, random, metrics, lifecycle);
        return Akka.Actor.Props.Create(() => new Session(services)).WithMailbox(SessionMailbox.ConfigPath);
    }

    private ILoggingAdapter Log => _log ??= Context.GetLogger();

    private void Start(StartSession start)
    {
        _client = start.Client;
        _clientId = start.Hello.ClientId;
        _epoch = start.Hello.Epoch;
        _keyId = start.Hello.KeyId;
        _since = Stopwatch.GetTimestamp();
        _handshake = new ServerHandshake(start.Hello, start.AccessKey);
        Challenge challenge;
        try
        {
            challenge = _handshake.Respond(_services.Random);
        }
        catch (HandshakeException e)
        {
            End(e.Message, SessionEndReason.Rejected, Rejection(RejectReason.ProtocolViolation));
            return;
        }
        // The manager tells HandshakeTimedOut if no Finish came within handshake-timeout (SessionTable.TakeDue).
        _client.Tell(challenge, Self);
    }

    /// <summary>Handles a message, then lets go of its sender, which Akka would keep until the next one (<see cref="LastSender"/>).</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            return base.AroundReceive(receive, message);
        }
        finally
        {
            LastSender.Forget(Context);
        }
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
            case HandshakeTimedOut when Sender.Equals(Context.Parent) && _channel is null:
                End("no Finish within the handshake timeout", SessionEndReason.Timeout);
                break;
            // The manager times every session's generations (SessionTable.TakeDue). Tagged with the generation they are
            // for: one told just before a rekey must not end the next generation.
            case GenerationExpired expired when Sender.Equals(Context.Parent) && _channel is not null
                                                && expired.Generation == _channel.SendGeneration:
                Close(CloseReason.Expired, "its key generation is older than actorkeys.reject-after", SessionEndReason.Expired);
                break;
            case PreviousGenerationExpired expired when Sender.Equals(Context.Parent) && _channel is not null
                                                        && expired.Generation == _channel.SendGeneration:
                _channel.ForgetPreviousGeneration();
                break;
            case EndSession end when Sender.Equals(Context.Parent):
                var (why, kind) = end.Reason == CloseReason.Revoked
                    ? ("its keys were revoked", SessionEndReason.Revoked)
                    : ("the server node is leaving its cluster", SessionEndReason.Stopped);
                if (_channel is null && _handshake is { Current: ServerHandshake.State.AwaitingFinish })
                {
                    // The client may already hold its keys (its Finish is on the way): tell it with a close record then.
                    _endAfterFinish = end.Reason;
                }
                else if (_channel is null)
                {
                    End(why + " during the handshake", kind);
                }
                else
                {
                    Close(end.Reason, why, kind);
                }
                break;
            case ClientGone when Sender.Equals(Context.Parent):
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
            _channel = _handshake!.HandleFinish(finish, _services.Settings.MaxMessageBytes, _services.Random);
        }
        catch (HandshakeException e)
        {
            End(e.Message, SessionEndReason.Rejected, Rejection(RejectReason.AuthenticationFailed));
            return;
        }
        _handshake.Dispose();
        _handshake = null;
        if (_endAfterFinish is { } reason)
        {
            Close(reason, reason == CloseReason.Revoked ? "its keys were revoked during the handshake" : "the server node is leaving its cluster",
                reason == CloseReason.Revoked ? SessionEndReason.Revoked : SessionEndReason.Stopped);
            return;
        }
        _services.Metrics.SessionEstablished(_since);
        _since = Stopwatch.GetTimestamp();
        if (InfoEnabled)
        {
            // The id passed ClientId.IsValid before any session existed; the address is escaped all the same.
            Context.GetLogger().Info("Session established: client '{0}' epoch {1} from {2}",
                _clientId, _epoch, Printable.Escape(_client.Path.Address.ToString()));
        }
        // Also starts the manager's clock of generation 0 (reject-after).
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
        _services.Metrics.RecordOpened();
        switch (opened.Kind)
        {
            case RecordKind.Close:
                End(opened.CloseReason == CloseReason.Normal
                    ? "the client closed the session"
                    : $"the client closed the session ({opened.CloseReason})", SessionEndReason.Closed);
                break;
            case RecordKind.Rekey:
                OnRekey();
                break;
            default:
                _services.Application.Tell(new ClientMessage(_clientId, opened.Text), Self);
                break;
        }
    }

    /// <summary>
    /// The client asked for a new key generation. Revocation is checked again first (rekeys chain from ck, not from the
    /// master key, so a revoked session would otherwise live on); then the ack goes out under the current generation and
    /// everything after it under the next.
    /// </summary>
    private void OnRekey()
    {
        if (!_services.Lifecycle.Current.Allows(_clientId, _epoch, Convert.ToHexStringLower(_keyId.Span)))
        {
            Close(CloseReason.Revoked, "its keys were revoked (found at a rekey)", SessionEndReason.Revoked);
            return;
        }
        Sealed ack;
        try
        {
            ack = _channel!.AnswerRekey();
        }
        catch (SecureChannelException e)
        {
            End($"refused a rekey ({e.Error})", SessionEndReason.RefusedRecord);
            return;
        }
        _client.Tell(ack, Self);
        _services.Metrics.Rekeyed();
        // The manager times the new generation (reject-after) and the client's previous one (handshake-timeout).
        Context.Parent.Tell(new GenerationStarted(_channel!.SendGeneration));
    }

    /// <summary>Sends a close record with <paramref name="reason"/> and stops.</summary>
    private void Close(CloseReason reason, string why, SessionEndReason kind)
    {
        try
        {
            _client.Tell(_channel!.SealClose(reason), Self);
        }
        catch (SecureChannelException)
        {
            // The channel reached its record limit: the client learns of the end from death watch instead.
        }
        End(why, kind);
    }

    /// <summary>
    /// A rejection of this session's handshake (only while it runs): it names the Hello's nonce, so the client knows it is
    /// for its attempt. The nonce is read from the handshake rather than kept by the session for its whole life.
    /// </summary>
    private Rejected2 Rejection(RejectReason reason) => new(reason, _handshake!.ClientNonce, RevocationProof.None);

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
        _services.Metrics.RecordSealed();
        _client.Tell(record, Self);
    }

    /// <summary>Stops this session, first telling the client <paramref name="answer"/> when there is one.</summary>
    /// <param name="reason">Free text for the <see cref="SessionStopped"/> event and debug lines.</param>
    /// <param name="kind">The fixed reason metrics and the operator's "Session ended" line carry.</param>
    private void End(string reason, SessionEndReason kind, Rejected2? answer = null)
    {
        _stopReason = reason;
        _endReason = kind;
        if (answer is not null)
        {
            _client.Tell(answer, Self);
            _services.Metrics.Rejected(answer.Reason);
            Log.Warning("Session for client {0} rejected ({1}): {2}", _clientId, answer.Reason.ToWireName(), reason);
        }
        else if (DebugEnabled)
        {
            // Asked first: every session that ends well comes here, and a logger made for a line not written costs the
            // actor's path as a string.
            Log.Debug("Session for client {0} ended: {1}", _clientId, reason);
        }
        Context.Stop(Self);
    }

    /// <summary>Read from the event stream, so that a session keeps no logger of its own unless a line is written.</summary>
    private bool InfoEnabled => Context.System.EventStream.LogLevel <= LogLevel.InfoLevel;

    private bool DebugEnabled => Context.System.EventStream.LogLevel <= LogLevel.DebugLevel;

    /// <summary>
    /// A restart replaces the instance, and a session's keys and state live in the instance: the replacement could serve
    /// nothing. Sessions do not restart for their own failures (the manager stops them), but Akka restarts the
    /// children of a manager that restarted. The old instance's <see cref="PostStop"/> (Akka's default PreRestart) has
    /// already told the client, zeroed the keys and counted the session out; the replacement only stops.
    /// </summary>
    protected override void PostRestart(Exception reason)
    {
        _replacedByRestart = true;
        Context.Stop(Self);
    }

    private bool _replacedByRestart;

    protected override void PostStop()
    {
        if (_replacedByRestart)
        {
            return;
        }
        // First, so that nothing below can keep the manager from counting this session out (it does not watch sessions).
        Context.Parent.Tell(new SessionActorStopped(Self), Self);
        if (_channel is { IsClosed: false } && _endReason == SessionEndReason.Stopped)
        {
            // Stopped from outside with the session still open: the server is shutting down. Tell the client why.
            try
            {
                _client.Tell(_channel.SealClose(CloseReason.ServerShutdown), Self);
            }
            catch (SecureChannelException)
            {
                // At its record limit: death watch tells the client instead.
            }
        }
        _handshake?.Dispose();
        _channel?.Dispose();
        _services.Metrics.SessionEnded(_endReason);
        if (_since != 0 && InfoEnabled)
        {
            var seconds = Stopwatch.GetElapsedTime(_since).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            Context.GetLogger().Info(_handshake is null && _channel is not null
                ? "Session ended: client '{0}' after {1} s ({2})"
                : "Handshake ended: client '{0}' after {1} s ({2})", _clientId, seconds, _endReason.Name());
        }
        Context.System.EventStream.Publish(new SessionStopped(_clientId, Self, _stopReason));
    }

    /// <summary>The application actor and everything else the sessions of one server share.</summary>
    public sealed record SessionServices(IActorRef Application, ServerSettings Settings, IRandomSource Random, ServerMetrics Metrics,
        LifecycleHolder Lifecycle);
}
