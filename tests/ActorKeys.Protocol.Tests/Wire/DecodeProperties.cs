using ActorKeys.Protocol.Wire;

namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>The properties every input must satisfy, whatever its bytes.</summary>
internal static class DecodeProperties
{
    /// <summary>
    /// Decode yields a message or a <see cref="WireDecodeException"/> (any other exception escapes and fails the
    /// test); TryDecode agrees with it; and a decoded message re-encodes to exactly the input.
    /// </summary>
    /// <returns>The error, or null when the input decoded.</returns>
    public static WireDecodeError? Check(byte[] input, WireLimits? limits = null)
    {
        IAk1Message? decoded = null;
        WireDecodeException? thrown = null;
        try
        {
            decoded = WireCodec.Decode(input, limits);
        }
        catch (WireDecodeException e)
        {
            thrown = e;
        }

        var ok = WireCodec.TryDecode(input, out var tried, out var error, limits);
        Assert.Equal(decoded is not null, ok);
        if (decoded is not null)
        {
            MessageAssert.Equal(decoded, tried);
            Assert.Equal(input.Length, WireEncoder.Length(decoded));
            Assert.Equal(input, WireCodec.Encode(decoded));
            return null;
        }
        Assert.NotNull(thrown);
        Assert.Null(tried);
        Assert.Equal(thrown.Error, error);
        return error;
    }
}
