using ActorKeys.Actors.Server;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Actors.Tests;

/// <summary>The SessionManager's books: counts per client id, and access keys zeroed even for a session that never ran.</summary>
public sealed class SessionTableTests : Akka.TestKit.Xunit2.TestKit
{
    private static StartSession Start(string id, byte[] key, Akka.Actor.IActorRef? client = null) =>
        new(new Hello(Ak1.Version, id, 0, KeyId.From(new byte[8]), "akka.tcp://actorkeys-server@127.0.0.1:4053", 0, Nonce.From(new byte[32]), PublicKey.From(new byte[32]), Mac.From(new byte[32])), SecretBytes.Adopt(key), client ?? Akka.Actor.ActorRefs.Nobody);

    [Fact]
    public void A_session_that_dies_before_reading_its_start_has_its_access_key_zeroed()
    {
        var table = new SessionTable();
        var key = Enumerable.Repeat((byte)0xA5, 32).ToArray();
        var session = CreateTestProbe().Ref;
        table.Add(session, Start("1", key));

        table.Remove(session); // Terminated, without HandshakeCompleted

        Assert.All(key, b => Assert.Equal(0, b));
        Assert.Equal(0, table.Count);
        Assert.Equal(0, table.PendingCount);
    }

    [Fact]
    public void Sessions_are_counted_per_client_id_until_they_end()
    {
        var table = new SessionTable();
        var a = CreateTestProbe().Ref;
        var b = CreateTestProbe().Ref;
        var c = CreateTestProbe().Ref;
        table.Add(a, Start("1", new byte[32]));
        table.Add(b, Start("1", new byte[32]));
        table.Add(c, Start("2", new byte[32]));
        table.Established(a);

        Assert.Equal(2, table.SessionsOf("1"));
        Assert.Equal(1, table.SessionsOf("2"));
        Assert.Equal(2, table.PendingCount);

        table.Remove(a);
        table.Remove(b);

        Assert.Equal(0, table.SessionsOf("1"));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void A_client_actor_is_to_be_watched_from_its_first_session_until_its_last_one_ends()
    {
        var table = new SessionTable();
        var client = CreateTestProbe().Ref;
        var other = CreateTestProbe().Ref;
        var (a, b, c) = (CreateTestProbe().Ref, CreateTestProbe().Ref, CreateTestProbe().Ref);

        Assert.True(table.Add(a, Start("1", new byte[32], client)));
        Assert.False(table.Add(b, Start("1", new byte[32], client)));
        Assert.True(table.Add(c, Start("2", new byte[32], other)));
        Assert.Equal(new[] { a, b }.OrderBy(r => r.Path.Name), table.SessionsOfClient(client).OrderBy(r => r.Path.Name));

        Assert.Null(table.Remove(a));
        Assert.Equal([b], table.SessionsOfClient(client));
        Assert.Same(client, table.Remove(b));
        Assert.Empty(table.SessionsOfClient(client));
        Assert.Equal([c], table.SessionsOfClient(other));
        Assert.Null(table.Remove(a)); // counted out once only
    }

    [Fact]
    public void A_handshake_or_generation_is_due_once_when_it_runs_out_and_a_rekey_sets_a_new_deadline()
    {
        var table = new SessionTable();
        var (a, b, slow) = (CreateTestProbe().Ref, CreateTestProbe().Ref, CreateTestProbe().Ref);
        table.Add(a, Start("1", new byte[32]), handshakeDeadline: 50);
        table.Add(b, Start("2", new byte[32]), handshakeDeadline: 50);
        table.Add(slow, Start("3", new byte[32]), handshakeDeadline: 60);
        table.Established(a);
        table.Established(b);
        Assert.Equal([(slow, (object)HandshakeTimedOut.Instance)], table.TakeDue(60)); // its Finish never came
        table.Remove(slow);

        table.GenerationStarted(a, 0, expiresAt: 100, previousAcceptedUntil: long.MaxValue);
        table.GenerationStarted(b, 3, expiresAt: 200, previousAcceptedUntil: 150);

        Assert.Empty(table.TakeDue(99));
        var due = table.TakeDue(150).ToList();
        Assert.Equal(2, due.Count);
        Assert.Contains((a, (object)new GenerationExpired(0)), due);
        Assert.Contains((b, (object)new PreviousGenerationExpired(3)), due);
        Assert.Empty(table.TakeDue(150)); // each is told once

        table.GenerationStarted(b, 4, expiresAt: 400, previousAcceptedUntil: 250); // b rekeyed before 200
        Assert.Equal([(b, (object)new PreviousGenerationExpired(4))], table.TakeDue(300));
        table.Remove(b);
        Assert.Empty(table.TakeDue(long.MaxValue - 1));
    }
}
