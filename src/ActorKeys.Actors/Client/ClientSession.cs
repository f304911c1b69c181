using Akka.Actor;
using Akka.Event;
using ActorKeys.KeyStore;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol.Values;

namespace ActorKeys.Actors.Client;

/// <summary>
/// A client's connection: sends the Hello to a server node's <c>/user/key-authority</c>, verifies
/// the server's confirmation, then seals what it is given (<see cref="Send"/>) and reports what comes back to its
/// listener as <see cref="IClientEvent"/>s. Messages given while no session is established wait for one. When an
/// established session is lost it handshakes again with the next node (<see cref="ServerNodes"/>,
/// <see cref="ReconnectPolicy"/> between full rounds); messages it finally cannot send are reported as
/// <see cref="MessageNotSent"/>, never dropped silently. It zeroes its keys when it stops.
/// </summary>
public sealed class ClientSession : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private const string HandshakeTimer = "handshake-timeout";
    private const string ReconnectTimer = "reconnect";
    private const string RekeyTimer = "rekey";
    private const string RekeyAckTimer = "rekey-ack";
    private const string GenerationTimer = "reject-after";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ClientSessionOptions _options;
    private readonly Random _jitter = new();
    private readonly ClientCredentials _credentials;
    private readonly ServerNodes _nodes;
    /// <summary>What the failed handshakes of this round said, most telling last: reported when the round ends the client.</summary>
    private IClientEvent? _roundOutcome;
    private ClientHandshake? _handshake;
    private SecureChannel? _channel;
    private IActorRef _session = ActorRefs.Nobody;
    private bool _everEstablished;
    /// <summary>Rounds in a row in which every node refused, since the last established session.</summary>
    private int _refusedRounds;

    /// <summary>After a session has existed, how many rounds in a row every node must refuse before the client gives up.</summary>
    private const int RefusedRoundsToGiveUp = 2;
    private int _attempt;
    private bool _ended;
    private bool _badChallengeThisAttempt;
    /// <summary>A version-1 <c>unsupported-version</c> came during this attempt: a hint only, since that layout names no attempt.</summary>
    private bool _otherVersionThisAttempt;

    public ClientSession(ClientSessionOptions options)
    {
        _options = options;
        _credentials = options.Credentials;
        _nodes = new ServerNodes(options.Nodes, options.FirstNode);
        Handshaking();
    }

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClientSessionOptions options) => Akka.Actor.Props.Create(() => new ClientSession(options));

    protected override void PreStart() => SendHello();

    /// <summary>The address of the node in use, as this client addresses it: what its Hellos are bound to.</summary>
    private string ServerAddress => _nodes.Current;

    private void SendHello()
    {
        _handshake = new ClientHandshake(_credentials, ServerAddress);
        var hello = _handshake.Start((ulong)_options.Time.GetUtcNow().ToUnixTimeMilliseconds(), _options.Random);
        _badChallengeThisAttempt = false;
        _otherVersionThisAttempt = false;
        Context.ActorSelection(ServerAddress + "/user/key-authority").Tell(hello, Self);
        Timers.StartSingleTimer(HandshakeTimer, HandshakeTimedOut.Instance, _options.HandshakeTimeout);
    }

    private void Handshaking()
    {
        Receive<Challenge>(OnChallenge);
        // The sender's address is written by the sender, so it only keeps out the careless; the nonce binds a rejection
        // to this attempt, and a revoked one must carry its proof besides.
        Receive<Rejected2>(r => FromServer(Sender) && _handshake!.IsForThisAttempt(r), OnRejected);
        Receive<Rejected2>(_ => _log.Debug("Client {0} ignored a rejection that does not name its attempt", _options.ClientId));
        Receive<Rejected>(r => FromServer(Sender) && r.Reason == RejectReason.UnsupportedVersion, _ => _otherVersionThisAttempt = true);
        Receive<Rejected>(_ => { });
        Receive<HandshakeTimedOut>(_ =>
        {
            if (_otherVersionThisAttempt)
            {
                // A hint that anyone could have sent: a refusal, which once a session has existed ends the client only after
                // two refused rounds (see HandshakeFailed).
                HandshakeFailed("the server speaks another version", new ConnectionRejected(RejectReason.UnsupportedVersion),
                    refused: true);
            }
            else if (_badChallengeThisAttempt)
            {
                HandshakeFailed("the server's confirmation did not verify", new ServerNotAuthenticated(), refused: false);
            }
            else
            {
                HandshakeFailed("the server did not answer", outcome: null, refused: false);
            }
        });
        CommonWhileWaiting();
    }

    private void WaitingToReconnect()
    {
        Receive<ReconnectNow>(_ =>
        {
            Become(Handshaking);
            SendHello();
        });
        CommonWhileWaiting();
    }

    private void CommonWhileWaiting()
    {
        Receive<Send>(_ => Stash.Stash());
        Receive<Disconnect>(_ => End(new SessionEnded("disconnected before a session was established")));
        Receive<Sealed>(_ => { }); // a late record of a lost session: its keys are gone
        Receive<Terminated>(_ => { });
    }

    private void Established()
    {
        Receive<Send>(OnSend);
        Receive<Sealed>(OnSealed);
        Receive<Disconnect>(_ => OnDisconnect());
        // Only a notification from the server's node confirms that the session stopped there. Akka also reports a watched
        // remote actor terminated, unconfirmed, when the watch itself could not be delivered: the server's system was cut
        // off (killed) before it acknowledged our watch, whose unacknowledged system message Akka.Remote then hands to
        // dead letters, and they answer it. That is a lost connection, as when the failure detector declares the address
        // terminated (FaultTests saw it after a kill -9 in about one run in three).
        Receive<Terminated>(t => t.ActorRef.Equals(_session), t => Lost(t.AddressTerminated || !t.ExistenceConfirmed
            ? "the connection to the server was lost"
            : "the server ended the session"));
        Receive<Challenge>(_ => { }); // a late or duplicate Challenge changes nothing once established
        Receive<Rejected>(_ => { });
        Receive<Rejected2>(_ => { });
        Receive<RekeyDue>(_ => StartRekey());
        Receive<RekeyAckTimedOut>(_ => CloseAndReconnect(CloseReason.Expired, "the server did not answer a rekey in time"));
        Receive<GenerationExpired>(_ => CloseAndReconnect(CloseReason.Expired, "the session's keys are older than actorkeys.reject-after"));
    }

    private void OnChallenge(Challenge challenge)
    {
        Finish finish;
        try
        {
            (finish, _channel) = _handshake!.HandleChallenge(challenge, _options.MaxMessageBytes, _options.Random);
        }
        catch (HandshakeException e)
        {
            // Anyone who can reach this actor can send a Challenge, and a late one from an earlier attempt does not
            // verify either: ignored, and the handshake timeout decides. Debug only: a peer chooses how many come.
            _log.Debug("Client {0} ignored a Challenge: {1}", _options.ClientId, e.Message);
            // A late Challenge from a node this client has moved on from says nothing about the node in use.
            _badChallengeThisAttempt |= FromServer(Sender);
            return;
        }
        _session = Sender;
        _session.Tell(finish, Self);
        Context.Watch(_session);
        Timers.Cancel(HandshakeTimer);
        StartGeneration();
        DisposeHandshake();
        Become(Established);
        _attempt = 0;
        _refusedRounds = 0;
        _nodes.StartRound();
        _roundOutcome = null;
        _options.Listener.Tell(_everEstablished
            ? new Reconnected(_options.ClientId) { ServerAddress = ServerAddress }
            : new SessionKeyVerified(_options.ClientId) { ServerAddress = ServerAddress }, Self);
        _everEstablished = true;
        Stash.UnstashAll();
    }

    /// <summary>From the node this attempt's Hello went to: a rejection from any other node names no attempt of this one.</summary>
    private bool FromServer(IActorRef sender) =>
        sender.Path.Address.ToString() == ServerAddress;

    private void OnRejected(Rejected2 rejected)
    {
        if (rejected.Reason == RejectReason.Revoked)
        {
            if (_handshake!.RevocationIsProven(rejected))
            {
                End(new AccessRevoked(_options.ClientId));
                return;
            }
            // Anyone who saw the Hello knows its nonce; only a holder of this client's key can make the proof. Ignored, as a
            // Challenge that does not verify is: the genuine answer may still come, and the handshake timeout decides.
            _log.Debug("Client {0} ignored a revoked rejection whose proof did not verify", _options.ClientId);
            return;
        }
        // busy and stale-or-replayed pass; the others are final for this node, but another node may hold the right key (a
        // proven revoked, above, is the registry's decision, which every node shares: never tried elsewhere).
        var transient = rejected.Reason is RejectReason.Busy or RejectReason.StaleOrReplayed;
        HandshakeFailed($"the server answered {rejected.Reason.ToWireName()}", new ConnectionRejected(rejected.Reason), refused: !transient);
    }

    private void OnSend(Send send)
    {
        Sealed? record;
        try
        {
            record = _channel!.SealText(send.Text);
        }
        catch (SecureChannelException e)
        {
            // The channel reached its sequence limit: this session is over; a new handshake carries the message.
            Stash.Stash();
            Lost($"the session reached its record limit ({e.Error})");
            return;
        }
        if (record is null)
        {
            _options.Listener.Tell(new MessageNotSent(send.Text, $"it is larger than {_channel.MaxBodyBytes} bytes"), Self);
            return;
        }
        _session.Tell(record, Self);
        if (_channel.SentInGeneration >= _options.Rekey.RekeyAfterRecords)
        {
            StartRekey();
        }
    }

    /// <summary>A new key generation began (the handshake, or a rekey completed): its timers start over.</summary>
    private void StartGeneration()
    {
        Timers.StartSingleTimer(RekeyTimer, RekeyDue.Instance, _options.Rekey.RekeyAfter);
        Timers.StartSingleTimer(GenerationTimer, GenerationExpired.Instance, _options.Rekey.RejectAfter);
    }

    /// <summary>Asks the server for the next key generation (one at a time); the ack must come within the handshake timeout.</summary>
    private void StartRekey()
    {
        if (_channel is null || _channel.RekeyPending)
        {
            return;
        }
        Sealed request;
        try
        {
            request = _channel.BeginRekey();
        }
        catch (SecureChannelException e)
        {
            Lost($"the session reached its record limit ({e.Error})");
            return;
        }
        _session.Tell(request, Self);
        Timers.StartSingleTimer(RekeyAckTimer, RekeyAckTimedOut.Instance, _options.HandshakeTimeout);
    }

    /// <summary>Ends this session with a close record of <paramref name="reason"/>, then handshakes again as after any loss.</summary>
    private void CloseAndReconnect(CloseReason reason, string why)
    {
        try
        {
            _session.Tell(_channel!.SealClose(reason), Self);
        }
        catch (SecureChannelException)
        {
            // At the record limit: the server learns of the end from death watch.
        }
        Lost(why);
    }

    private void OnSealed(Sealed record)
    {
        if (!Sender.Equals(_session))
        {
            return; // from an earlier session of this client, whose keys are gone
        }
        OpenedText opened;
        try
        {
            opened = _channel!.OpenText(record);
        }
        catch (SecureChannelException e)
        {
            Lost($"the server sent a record that was refused ({e.Error})");
            return;
        }
        switch (opened.Kind)
        {
            case RecordKind.Close when opened.CloseReason == CloseReason.Revoked:
                // Inside the channel, so only the server can have sent it: no reconnect could succeed.
                _channel?.Dispose();
                End(new AccessRevoked(_options.ClientId));
                break;
            case RecordKind.Close:
                Lost(opened.CloseReason switch
                {
                    CloseReason.Expired => "the server ended the session: its keys were too old",
                    CloseReason.ServerShutdown => "the server is shutting down",
                    _ => "the server closed the session",
                });
                break;
            case RecordKind.RekeyAck:
                Timers.Cancel(RekeyAckTimer);
                StartGeneration();
                break;
            default:
                _options.Listener.Tell(new MessageReceived(opened.Text), Self);
                break;
        }
    }

    private void OnDisconnect()
    {
        _session.Tell(_channel!.SealClose(CloseReason.Normal), Self);
        End(new SessionEnded("closed by this client"));
    }

    /// <summary>An established session is gone: forget its keys and, if allowed, handshake again.</summary>
    private void Lost(string reason)
    {
        _channel?.Dispose();
        _channel = null;
        Timers.Cancel(RekeyTimer);
        Timers.Cancel(RekeyAckTimer);
        Timers.Cancel(GenerationTimer);
        Context.Unwatch(_session);
        _session = ActorRefs.Nobody;
        if (!_options.Reconnect.Enabled)
        {
            End(new SessionEnded(reason));
            return;
        }
        _options.Listener.Tell(new ConnectionLost(reason), Self);
        // The node that was lost is the likeliest to be down: the next handshake goes to the next one.
        _nodes.MoveOnAfterLoss();
        ScheduleReconnect();
    }

    /// <summary>
    /// The handshake with the node in use failed: <paramref name="outcome"/> is what the node said (null: nothing), and
    /// <paramref name="refused"/> whether that was a final rejection. The next node is tried at once until every node
    /// has been tried in this round. A round that ends the first connection ends the client (a person starting it hears
    /// about a wrong address at once); a round in which every node refused ends it too; otherwise the reconnect backoff
    /// runs before the next round, so a client whose every node is down does not spin.
    /// </summary>
    private void HandshakeFailed(string reason, IClientEvent? outcome, bool refused)
    {
        DisposeHandshake();
        Timers.Cancel(HandshakeTimer);
        var failedNode = ServerAddress;
        _roundOutcome = outcome ?? _roundOutcome;
        if (!_nodes.Failed(refused))
        {
            _log.Info("Client {0}: {1} at {2}; trying {3}", _options.ClientId, reason, failedNode, ServerAddress);
            SendHello();
            return;
        }
        if (!_nodes.EveryNodeRefused)
        {
            _refusedRounds = 0;
        }
        if (!_everEstablished)
        {
            var tried = _nodes.TriedThisRound;
            End(_roundOutcome ?? new ServerUnreachable(tried[0]) { AddressesTried = tried });
        }
        else if (_nodes.EveryNodeRefused && (++_refusedRounds >= RefusedRoundsToGiveUp || !_options.Reconnect.Enabled))
        {
            // Once a session has existed, an unproven refusal names the attempt only by a nonce that crossed the network in
            // clear: a stranger who saw one Hello could forge it. So it ends the client only when every node refused in two
            // rounds in a row (each with fresh nonces, after a backoff): a forger would have to answer every attempt, which
            // only someone on the path could do, and that one can stop the traffic anyway.
            End(_roundOutcome!);
        }
        else if (!_options.Reconnect.Enabled || _attempt >= _options.Reconnect.MaxAttempts)
        {
            End(new SessionEnded($"the connection was lost and reconnecting gave up after {_attempt} attempts ({reason})"));
        }
        else
        {
            _nodes.StartRound();
            _roundOutcome = null;
            ScheduleReconnect();
        }
    }

    private void ScheduleReconnect()
    {
        _attempt++;
        Timers.Cancel(HandshakeTimer);
        Timers.StartSingleTimer(ReconnectTimer, ReconnectNow.Instance, _options.Reconnect.Backoff(_attempt, _jitter));
        Become(WaitingToReconnect);
    }

    private void End(IClientEvent finalEvent)
    {
        if (!_ended)
        {
            _ended = true;
            _options.Listener.Tell(finalEvent, Self);
        }
        Context.Stop(Self);
    }

    protected override void PostStop()
    {
        // Whatever still waits was never sent: say so rather than drop it silently.
        foreach (var envelope in Stash.ClearStash())
        {
            if (envelope.Message is Send send)
            {
                _options.Listener.Tell(new MessageNotSent(send.Text, "the session ended before it could be sent"), Self);
            }
        }
        DisposeHandshake();
        _channel?.Dispose();
        _credentials.Dispose();
    }

    private void DisposeHandshake()
    {
        _handshake?.Dispose();
        _handshake = null;
    }

    private sealed class HandshakeTimedOut
    {
        public static readonly HandshakeTimedOut Instance = new();
    }

    private sealed class ReconnectNow
    {
        public static readonly ReconnectNow Instance = new();
    }

    private sealed class RekeyDue
    {
        public static readonly RekeyDue Instance = new();
    }

    private sealed class RekeyAckTimedOut
    {
        public static readonly RekeyAckTimedOut Instance = new();
    }

    private sealed class GenerationExpired
    {
        public static readonly GenerationExpired Instance = new();
    }
}
