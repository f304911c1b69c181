using System.Buffers.Text;

namespace ActorKeys.Actors.Text;

/// <summary>
/// Names of actors a stranger must not be able to name (sessions, client actors): 128 random bits in base64url, which
/// Akka accepts in a path element. Short on purpose: the server keeps the client actor's name in every remote reference
/// and path it holds for it, and its own session's name in the session's path, for as long as the session lives; at
/// 22 characters against 32 in hex that is about 24 B less per name held (see README, Performance).
/// </summary>
public static class UnguessableName
{
    public const int RandomBytes = 16;

    /// <summary><paramref name="prefix"/> followed by <paramref name="random"/> (16 bytes) in base64url.</summary>
    public static string From(string prefix, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"An unguessable name takes {RandomBytes} random bytes.", nameof(random));
        }
        return prefix + Base64Url.EncodeToString(random);
    }
}
