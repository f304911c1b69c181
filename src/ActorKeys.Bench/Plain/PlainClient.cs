using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Protocol.Channel;

namespace ActorKeys.Bench.Plain;

/// <summary>
/// The baseline's <c>ClientSession</c>: takes the same <see cref="Send"/> and <see cref="Disconnect"/> commands and
/// reports the same <see cref="SessionKeyVerified"/> and <see cref="MessageReceived"/> events, with records in
/// plaintext through the same codec and the same checks, so a driver cannot tell the two apart but for speed.
/// </summary>
public sealed class PlainClient : ReceiveActor, IWithUnboundedStash
{
    private readonly string _clientId;
    private readonly string _serverAddress;
    private readonly IActorRef _listener;
    private readonly int _maxBodyBytes;
    private IActorRef _session = ActorRefs.Nobody;
    private byte[] _sessionId = [];
    private ulong _nextSendSeq;
    private ulong _lastReceivedSeq;
    private bool _receivedAny;

    public PlainClient(string clientId, string serverAddress, IActorRef listener, int maxMessageBytes)
    {
        _clientId = clientId;
        _serverAddress = serverAddress;
        _listener = listener;
        _maxBodyBytes = maxMessageBytes - 1;
        Receive<PlainOpened>(opened =>
        {
            _session = Sender;
            _sessionId = opened.SessionId;
            Context.Watch(_session);
            Become(Established);
            _listener.Tell(new SessionKeyVerified(_clientId), Self);
            Stash.UnstashAll();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(string clientId, string serverAddress, IActorRef listener, int maxMessageBytes) =>
        Akka.Actor.Props.Create(() => new PlainClient(clientId, serverAddress, listener, maxMessageBytes));

    protected override void PreStart() =>
        Context.ActorSelection(_serverAddress.TrimEnd('/') + "/user/" + PlainGateway.Name).Tell(new PlainOpen(_clientId), Self);

    private void Established()
    {
        Receive<Send>(OnSend);
        Receive<PlainRecord>(OnRecord);
        Receive<Disconnect>(_ =>
        {
            _session.Tell(PlainRecord.Create(_sessionId, _nextSendSeq++, (byte)RecordKind.Close, []), Self);
            _listener.Tell(new SessionEnded("closed by this client"), Self);
            Context.Stop(Self);
        });
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    private void OnSend(Send send)
    {
        var body = Encoding.UTF8.GetBytes(send.Text);
        if (body.Length > _maxBodyBytes)
        {
            _listener.Tell(new MessageNotSent(send.Text, $"it is larger than {_maxBodyBytes} bytes"), Self);
            return;
        }
        _session.Tell(PlainRecord.Create(_sessionId.ToArray(), _nextSendSeq++, (byte)RecordKind.Data, body), Self);
    }

    private void OnRecord(PlainRecord record)
    {
        if (!Sender.Equals(_session) || !CryptographicOperations.FixedTimeEquals(record.SessionId, _sessionId)
            || (_receivedAny && record.Seq <= _lastReceivedSeq) || (RecordKind)record.Data[0] != RecordKind.Data)
        {
            return;
        }
        _lastReceivedSeq = record.Seq;
        _receivedAny = true;
        _listener.Tell(new MessageReceived(Encoding.UTF8.GetString(record.Body)), Self);
    }
}
