using Akka.Actor;
using ActorKeys.Actors.Client;

namespace ActorKeys.Reliability.Tests.Support;

/// <summary>
/// Listens to one <see cref="ClientSession"/> that sends <c>&lt;id&gt;/0</c> … <c>&lt;id&gt;/n-1</c>: checks every echo,
/// counts what is lost, duplicated or refused into a <see cref="ReliabilityTally"/>, and tells
/// <paramref name="done"/> its client id once every echo came back or the session ended.
/// </summary>
public sealed class CountingListener : ReceiveActor
{
    private readonly HashSet<int> _seen = [];

    public CountingListener(string clientId, int expected, ReliabilityTally tally, IActorRef done)
    {
        var finished = false;
        void Finish()
        {
            if (!finished)
            {
                finished = true;
                tally.LostRecordsOf(expected - _seen.Count);
                done.Tell(clientId);
            }
        }

        Receive<SessionKeyVerified>(_ => tally.Handshake());
        Receive<Reconnected>(_ => tally.Handshake());
        Receive<ConnectionLost>(_ => tally.Fault());
        Receive<MessageReceived>(m =>
        {
            var slash = m.Text.LastIndexOf('/');
            if (slash < 0 || m.Text[..slash] != clientId || !int.TryParse(m.Text[(slash + 1)..], out var index))
            {
                tally.UndecryptableRecord(); // an echo that is not ours: a mix-up as bad as a bad tag
                return;
            }
            if (!_seen.Add(index))
            {
                tally.DuplicatedRecord();
                return;
            }
            tally.Record();
            if (_seen.Count == expected)
            {
                Finish();
            }
        });
        Receive<MessageNotSent>(_ => { }); // counted as lost when the session finishes
        Receive<IClientEvent>(e =>
        {
            if (e is SessionEnded { Reason: var reason } && reason.Contains("refused"))
            {
                tally.UndecryptableRecord();
            }
            Finish();
        });
    }

    public static Props Props(string clientId, int expected, ReliabilityTally tally, IActorRef done) =>
        Akka.Actor.Props.Create(() => new CountingListener(clientId, expected, tally, done));
}
