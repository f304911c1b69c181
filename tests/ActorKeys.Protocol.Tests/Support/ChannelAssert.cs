using ActorKeys.Protocol.Channel;

namespace ActorKeys.Protocol.Tests.Support;

/// <summary>Assertions shared by the channel tests.</summary>
public static class ChannelAssert
{
    /// <summary>Opening <paramref name="record"/> fails with <paramref name="expected"/>, and the channel is closed for good with every key zeroed.</summary>
    public static void RefusedAndClosed(ChannelError expected, SecureChannel receiver, Sealed record)
    {
        var keys = receiver.KeysForTests().ToArray();
        Assert.Equal(expected, Assert.Throws<SecureChannelException>(() => receiver.Open(record)).Error);
        Assert.True(receiver.IsClosed);
        Assert.All(keys, key => Assert.All(key, b => Assert.Equal(0, b)));
        Assert.Equal(ChannelError.Closed, Assert.Throws<SecureChannelException>(() => receiver.SealData("x"u8)).Error);
    }

    /// <summary><paramref name="from"/> seals <paramref name="text"/> as data and <paramref name="to"/> opens it to the same text.</summary>
    public static Sealed Delivers(SecureChannel from, SecureChannel to, string text)
    {
        var record = from.SealText(text)!;
        Assert.Equal(new OpenedText(RecordKind.Data, text), to.OpenText(record));
        return record;
    }

    public static bool IsZero(IEnumerable<byte> key) => key.All(b => b == 0);
}
