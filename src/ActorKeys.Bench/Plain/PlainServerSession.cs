using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using ActorKeys.Actors.Server;
using ActorKeys.Protocol.Channel;

namespace ActorKeys.Bench.Plain;

/// <summary>
/// The baseline's <c>Session</c>: the same checks and hops for each record (sender is the client, session id,
/// seq above the last, kind, size; text to the application actor; replies back to the client), without the AEAD.
/// </summary>
public sealed class PlainServerSession : ReceiveActor
{
    private readonly string _clientId;
    private readonly byte[] _sessionId;
    private readonly IActorRef _client;
    private readonly IActorRef _application;
    private readonly int _maxBodyBytes;
    private ulong _nextSendSeq;
    private ulong _lastReceivedSeq;
    private bool _receivedAny;

    public PlainServerSession(string clientId, byte[] sessionId, IActorRef client, IActorRef application, int maxMessageBytes)
    {
        _clientId = clientId;
        _sessionId = sessionId;
        _client = client;
        _application = application;
        _maxBodyBytes = maxMessageBytes - 1;
        Receive<PlainRecord>(_ => !Sender.Equals(_client), _ => { });
        Receive<PlainRecord>(OnRecord);
        Receive<ReplyToClient>(OnReply);
        Receive<Terminated>(t => t.ActorRef.Equals(_client), _ => Context.Stop(Self));
    }

    public static Props Props(string clientId, byte[] sessionId, IActorRef client, IActorRef application, int maxMessageBytes) =>
        Akka.Actor.Props.Create(() => new PlainServerSession(clientId, sessionId, client, application, maxMessageBytes));

    protected override void PreStart()
    {
        Context.Watch(_client);
        _client.Tell(new PlainOpened(_sessionId.ToArray()), Self);
    }

    private void OnRecord(PlainRecord record)
    {
        if (!CryptographicOperations.FixedTimeEquals(record.SessionId, _sessionId)
            || (_receivedAny && record.Seq <= _lastReceivedSeq)
            || record.Data.Length - PlainRecord.TagStandInBytes - 1 > _maxBodyBytes
            || !Enum.IsDefined((RecordKind)record.Data[0]))
        {
            Context.Stop(Self);
            return;
        }
        _lastReceivedSeq = record.Seq;
        _receivedAny = true;
        if ((RecordKind)record.Data[0] == RecordKind.Close)
        {
            Context.Stop(Self);
            return;
        }
        _application.Tell(new ClientMessage(_clientId, Encoding.UTF8.GetString(record.Body)), Self);
    }

    private void OnReply(ReplyToClient reply)
    {
        var body = Encoding.UTF8.GetBytes(reply.Text);
        if (body.Length > _maxBodyBytes)
        {
            return;
        }
        _client.Tell(PlainRecord.Create(_sessionId.ToArray(), _nextSendSeq++, (byte)RecordKind.Data, body), Self);
    }
}
