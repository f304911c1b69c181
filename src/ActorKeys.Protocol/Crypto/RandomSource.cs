using System.Security.Cryptography;

namespace ActorKeys.Protocol.Crypto;

/// <summary>Where nonces, session ids and ephemeral keys come from; tests pass a fixed one.</summary>
public interface IRandomSource
{
    void Fill(Span<byte> destination);
}

/// <summary>The operating system's CSPRNG.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static readonly SystemRandomSource Instance = new();

    private SystemRandomSource()
    {
    }

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}

public static class RandomSourceExtensions
{
    public static byte[] NextBytes(this IRandomSource random, int count)
    {
        var bytes = new byte[count];
        random.Fill(bytes);
        return bytes;
    }
}
