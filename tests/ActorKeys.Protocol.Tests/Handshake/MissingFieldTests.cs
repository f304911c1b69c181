using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Handshake;

/// <summary>
/// Fixed-size fields are values whose size is checked once, where they are made: a field of the wrong size or a
/// missing one cannot reach a receiver at all. The one variable-size field, a record's ciphertext, may still be
/// missing in a message built in process, and must then close the channel like any bad record.
/// </summary>
public sealed class MissingFieldTests : IDisposable
{
    private readonly Ak1Fixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_fixed_size_value_of_another_size_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => KeyId.From(new byte[7]));
        Assert.Throws<ArgumentException>(() => SessionId.From(new byte[17]));
        Assert.Throws<ArgumentException>(() => Nonce.From(new byte[33]));
        Assert.Throws<ArgumentException>(() => PublicKey.From(new byte[31]));
        Assert.Throws<ArgumentException>(() => Mac.From([]));
        Assert.Equal(new byte[32], Mac.From(new byte[32]).ToArray());
    }

    [Fact]
    public void Fixed_size_values_compare_by_content()
    {
        var a = Nonce.From(Bytes.Sequence(1, 32));
        Assert.Equal(a, Nonce.From(Bytes.Sequence(1, 32)));
        Assert.NotEqual(a, Nonce.From(Bytes.Sequence(2, 32)));
        Assert.True(Mac.From(Bytes.Sequence(3, 32)) == Mac.From(Bytes.Sequence(3, 32)));
    }

    [Fact]
    public void SealedWithoutCiphertextClosesTheChannel()
    {
        var (client, server) = _fixture.Establish();
        using var _c = client;
        using var _s = server;
        var record = client.Seal(RecordKind.Data, "x"u8);
        Assert.Equal(ChannelError.AuthenticationFailed,
            Assert.Throws<SecureChannelException>(() => server.Open(record with { Ciphertext = null! })).Error);
        Assert.True(server.IsClosed);
    }
}
