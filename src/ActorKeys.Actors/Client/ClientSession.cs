using System.Text;
using Akka.Actor;
using Akka.Event;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.KeyFiles;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Client;

/// <summary>How one <see cref="ClientSession"/> connects. <see cref="Password"/> is asked only for a protected keystore.</summary>
public sealed record ClientSessionOptions(
    string ClientId,
    string KeystoreFolder,
    string ServerAddress,
    TimeSpan HandshakeTimeout,
    int MaxMessageBytes,
    IActorRef Listener)
{
    public Func<string>? Password { get; init; }
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The keystore file this client loads: <c>&lt;folder&gt;/keystore_id_&lt;id&gt;.json</c>.</summary>
    public string KeystorePath => Path.Combine(KeystoreFolder, KeystoreFile.FileName(ClientId));
}

/// <summary>
/// A client's connection: loads its keystore, sends the Hello to the server's <c>/user/key-authority</c>, verifies
/// the server's confirmation, then seals what it is given (<see cref="Send"/>) and reports what comes back to its
/// listener as <see cref="IClientEvent"/>s. Messages given before the session is established wait for it. It
/// watches its server session, and zeroes its keys when it stops.
/// </summary>
public sealed class ClientSession : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private const string HandshakeTimer = "handshake-timeout";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ClientSessionOptions _options;
    private ClientCredentials? _credentials;
    private ClientHandshake? _handshake;
    private SecureChannel? _channel;
    private IActorRef _session = ActorRefs.Nobody;
    private bool _ended;

    public ClientSession(ClientSessionOptions options)
    {
        _options = options;
        Connecting();
    }

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClientSessionOptions options) => Akka.Actor.Props.Create(() => new ClientSession(options));

    protected override void PreStart()
    {
        try
        {
            _credentials = KeystoreFile.Load(_options.KeystorePath, _options.ClientId, _options.Password);
        }
        catch (KeyFileException e)
        {
            End(new KeystoreUnusable(e.Error, e.Message));
            return;
        }
        _handshake = new ClientHandshake(_credentials);
        var hello = _handshake.Start((ulong)_options.Time.GetUtcNow().ToUnixTimeMilliseconds(), _options.Random);
        Context.ActorSelection(_options.ServerAddress.TrimEnd('/') + "/user/key-authority").Tell(hello, Self);
        Timers.StartSingleTimer(HandshakeTimer, HandshakeTimedOut.Instance, _options.HandshakeTimeout);
    }

    private void Connecting()
    {
        Receive<Challenge>(OnChallenge);
        Receive<Rejected>(rejected => End(new ConnectionRejected(rejected.Reason)));
        Receive<HandshakeTimedOut>(_ => End(new ServerUnreachable(_options.ServerAddress)));
        Receive<Send>(_ => Stash.Stash());
        Receive<Disconnect>(_ => End(new SessionEnded("disconnected before the session was established")));
    }

    private void Established()
    {
        Receive<Send>(OnSend);
        Receive<Sealed>(OnSealed);
        Receive<Disconnect>(_ => OnDisconnect());
        Receive<Terminated>(t => t.ActorRef.Equals(_session), _ => End(new SessionEnded("the server ended the session")));
        Receive<Challenge>(_ => { }); // a late or duplicate Challenge changes nothing once established
        Receive<Rejected>(_ => { });
    }

    private void OnChallenge(Challenge challenge)
    {
        Finish finish;
        try
        {
            (finish, _channel) = _handshake!.HandleChallenge(challenge, _options.MaxMessageBytes);
        }
        catch (HandshakeException e)
        {
            _log.Warning("Handshake of client {0} failed: {1}", _options.ClientId, e.Message);
            End(new ServerNotAuthenticated());
            return;
        }
        _session = Sender;
        _session.Tell(finish, Self);
        Context.Watch(_session);
        Timers.Cancel(HandshakeTimer);
        DisposeHandshake();
        Become(Established);
        _options.Listener.Tell(new SessionKeyVerified(_options.ClientId), Self);
        Stash.UnstashAll();
    }

    private void OnSend(Send send)
    {
        var body = Encoding.UTF8.GetBytes(send.Text);
        if (body.Length > _channel!.MaxBodyBytes)
        {
            _options.Listener.Tell(new MessageNotSent(send.Text, $"it is larger than {_channel.MaxBodyBytes} bytes"), Self);
            return;
        }
        _session.Tell(_channel.Seal(RecordKind.Data, body), Self);
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
            End(new SessionEnded($"the server sent a record that was refused ({e.Error})"));
            return;
        }
        if (opened.Kind == RecordKind.Close)
        {
            End(new SessionEnded("the server closed the session"));
            return;
        }
        _options.Listener.Tell(new MessageReceived(Encoding.UTF8.GetString(opened.Body)), Self);
    }

    private void OnDisconnect()
    {
        _session.Tell(_channel!.Seal(RecordKind.Close, ReadOnlySpan<byte>.Empty), Self);
        End(new SessionEnded("closed by this client"));
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
        // Whatever is still queued was never sent: say so rather than drop it silently.
        foreach (var envelope in Stash.ClearStash())
        {
            if (envelope.Message is Send send)
            {
                _options.Listener.Tell(new MessageNotSent(send.Text, "the session ended before it was established"), Self);
            }
        }
        DisposeHandshake();
        _channel?.Dispose();
        _credentials?.Dispose();
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
}
