using System.Reflection;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Keys;

/// <summary>
/// What a rekey zeroes and when (PROTOCOL.md, version 2, item 6), read through KeysForTests. Its slots read their place
/// afresh: the channel's own send and chaining keys are overwritten in place by a rekey (so the old value must be nowhere
/// among its keys afterwards), while a receive window's slot follows the window, whose key must read zero once dropped.
/// </summary>
public sealed class RekeyZeroingTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    /// <summary>send, receive, [previous receive,] chaining key.</summary>
    private static KeySlot[] Keys(SecureChannel channel) => channel.KeysForTests().ToArray();

    /// <summary>What every key of <paramref name="channel"/> holds now.</summary>
    private static byte[][] Values(SecureChannel channel) => [.. Keys(channel).Select(key => key.ToArray())];

    private static void AssertZero(IEnumerable<byte> key, string what) => Assert.True(ChannelAssert.IsZero(key), $"{what} is not zero");

    private static void AssertLive(IEnumerable<byte> key, string what) => Assert.False(ChannelAssert.IsZero(key), $"{what} is zero");

    /// <summary>The channel holds <paramref name="old"/> nowhere any more: it was overwritten or zeroed, not kept.</summary>
    private static void AssertGone(SecureChannel channel, byte[] old, string what) =>
        Assert.False(Values(channel).Any(key => key.AsSpan().SequenceEqual(old)), $"{what} is still held");

    [Fact]
    public void The_server_overwrites_its_old_send_key_and_chaining_key_on_answering_and_zeroes_the_old_receive_key_at_the_first_new_record()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var before = Keys(server);
        Assert.Equal(3, before.Length);
        var oldValues = Values(server);
        var (oldSend, oldReceive, oldChain) = (oldValues[0], before[1], oldValues[2]);
        server.Open(client.BeginRekey());
        Assert.Equal(oldValues, Values(server)); // nothing changes until the answer

        client.Open(server.AnswerRekey());
        AssertGone(server, oldSend, "k_s2c(0)");
        AssertGone(server, oldChain, "ck(0)");
        AssertLive(oldReceive, "k_c2s(0), still accepted");
        var during = Keys(server);
        Assert.Equal(4, during.Length);
        Assert.Equal(oldReceive.ToArray(), during[2].ToArray());
        Assert.All(during, key => AssertLive(key, "a key in use"));

        ChannelAssert.Delivers(client, server, "first of generation 1");
        AssertZero(oldReceive, "k_c2s(0) after the first generation-1 record");
        var after = Keys(server);
        Assert.Equal(3, after.Length);
        Assert.All(after, key => AssertLive(key, "a key of generation 1"));

        server.Dispose();
        Assert.All(after, key => AssertZero(key, "a key after Dispose"));
    }

    [Fact]
    public void The_server_zeroes_the_old_receive_key_when_it_forgets_the_previous_generation()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var oldReceive = Keys(server)[1];
        server.Open(client.BeginRekey());
        server.AnswerRekey();
        AssertLive(oldReceive, "k_c2s(0) before forgetting");
        server.ForgetPreviousGeneration();
        AssertZero(oldReceive, "k_c2s(0) after ForgetPreviousGeneration");
        Assert.Equal(3, Keys(server).Length);
        server.ForgetPreviousGeneration(); // idempotent
    }

    [Fact]
    public void The_client_replaces_every_old_key_and_zeroes_its_rekey_secret_when_the_ack_opens()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var before = Keys(client);
        var oldValues = Values(client);
        server.Open(client.BeginRekey());
        var rekeySecret = PendingRekeySecret(client);
        AssertLive(rekeySecret, "e' while pending");
        Assert.Equal(oldValues, Values(client));

        client.Open(server.AnswerRekey());
        Assert.All(oldValues, old => AssertGone(client, old, "a generation-0 key after the ack"));
        AssertZero(before[1], "the generation-0 receive window's key after the ack");
        AssertZero(rekeySecret, "e' after the ack");
        var after = Keys(client);
        Assert.Equal(3, after.Length);
        Assert.All(after, key => AssertLive(key, "a key of generation 1"));

        client.Dispose();
        Assert.All(after, key => AssertZero(key, "a key after Dispose"));
    }

    [Fact]
    public void Dispose_with_a_rekey_pending_zeroes_the_rekey_secret_and_every_key_of_both_generations()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        server.Open(client.BeginRekey());
        var rekeySecret = PendingRekeySecret(client);
        var clientKeys = Keys(client);
        var serverBefore = Keys(server);
        server.AnswerRekey();
        var serverKeys = Keys(server); // generation 1 and the previous receive key

        client.Dispose();
        server.Dispose();
        AssertZero(rekeySecret, "e'");
        Assert.All(clientKeys.Concat(serverKeys).Concat(serverBefore), key => AssertZero(key, "a key after Dispose"));
    }

    [Fact]
    public void A_rekey_request_that_is_never_answered_is_zeroed_when_the_server_channel_ends()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        server.Open(client.BeginRekey());
        var request = (byte[])typeof(SecureChannel).GetField("_rekeyRequest", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(server)!;
        AssertLive(request, "the waiting request");
        server.Dispose();
        AssertZero(request, "the waiting request after Dispose");
    }

    /// <summary>The client's ephemeral rekey secret e', read white-box from the pending rekey.</summary>
    private static byte[] PendingRekeySecret(SecureChannel client)
    {
        var pending = typeof(SecureChannel).GetField("_pendingRekey", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(client)!;
        return (byte[])pending.GetType().GetProperty("Private")!.GetValue(pending)!;
    }
}
