using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Channel;

/// <summary>
/// The server's window on the client's previous generation (PROTOCOL.md, version 2, item 5): open until the first record
/// of the new generation or until ForgetPreviousGeneration, closed for good afterwards.
/// </summary>
public sealed class PreviousGenerationTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_record_of_the_previous_generation_is_accepted_until_the_first_of_the_new_one_and_refused_after()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var request = client.BeginRekey();
        var late1 = client.SealText("late 1")!;
        var late2 = client.SealText("late 2")!;
        Assert.Equal(RecordKind.Rekey, server.Open(request).Kind);
        client.Open(server.AnswerRekey());

        Assert.Equal("late 1", server.OpenText(late1).Text);
        Assert.True(server.AcceptsPreviousGeneration);
        ChannelAssert.Delivers(client, server, "new");
        Assert.False(server.AcceptsPreviousGeneration);
        ChannelAssert.RefusedAndClosed(ChannelError.WrongGeneration, server, late2);
    }

    [Fact]
    public void A_record_of_the_previous_generation_is_still_checked_for_replay()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var request = client.BeginRekey();
        var late = client.SealText("late")!;
        server.Open(request);
        server.AnswerRekey();
        server.Open(late);
        ChannelAssert.RefusedAndClosed(ChannelError.Replayed, server, late);
    }

    [Fact]
    public void A_lost_rekey_ack_leaves_the_server_accepting_the_old_generation_until_it_forgets_it()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        server.Open(client.BeginRekey());
        _ = server.AnswerRekey(); // never reaches the client
        Assert.True(client.RekeyPending);

        for (var i = 0; i < 3; i++)
        {
            var record = ChannelAssert.Delivers(client, server, $"still generation 0, {i}");
            Assert.Equal(0u, record.Generation);
        }
        Assert.True(server.AcceptsPreviousGeneration);

        server.ForgetPreviousGeneration(); // handshake-timeout after the ack
        Assert.False(server.AcceptsPreviousGeneration);
        ChannelAssert.RefusedAndClosed(ChannelError.WrongGeneration, server, client.SealText("too late")!);
    }

    [Fact]
    public void The_client_accepts_no_record_of_a_generation_it_has_not_reached()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        server.Open(client.BeginRekey());
        _ = server.AnswerRekey(); // lost
        ChannelAssert.RefusedAndClosed(ChannelError.WrongGeneration, client, server.SealText("generation 1")!);
    }

    [Fact]
    public void The_client_does_not_accept_its_previous_generation_after_the_ack()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        server.Open(client.BeginRekey());
        var early = server.SealText("generation 0")!;
        var ack = server.AnswerRekey();
        client.Open(ack);
        // Only the server keeps a previous generation; a generation-0 record after the ack cannot be genuine (order is kept).
        ChannelAssert.RefusedAndClosed(ChannelError.WrongGeneration, client, early);
    }

    [Fact]
    public void A_generation_field_moved_between_two_accepted_generations_does_not_authenticate()
    {
        // While both generations are accepted, the generation is still bound by the nonce and the ad.
        foreach (var (from, to) in new[] { (0u, 1u), (1u, 0u) })
        {
            var (client, server) = _fixture.Establish();
            using var _c = client;
            using var _s = server;
            var request = client.BeginRekey();
            var old = client.SealData("old"u8);
            server.Open(request);
            client.Open(server.AnswerRekey());
            client.SkipSendSequenceTo(5); // above the last seq the server accepted in generation 0, so only the tag can refuse it
            var fresh = client.SealData("new"u8);
            var record = from == 0 ? old : fresh;
            ChannelAssert.RefusedAndClosed(ChannelError.AuthenticationFailed, server, record with { Generation = to });
        }
    }
}
