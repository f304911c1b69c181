using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Tests.Support;

/// <summary>
/// An <see cref="IRandomSource"/> that hands out fixed byte strings in order, so a handshake can be replayed
/// to the byte. It insists that each request has the length of the next scripted value, and that the script is
/// used up when <see cref="AssertUsedUp"/> is called: a change in what the code asks for fails the test.
/// </summary>
public sealed class ScriptedRandom(params byte[][] script) : IRandomSource
{
    private readonly Queue<byte[]> _script = new(script);

    public void Fill(Span<byte> destination)
    {
        Assert.True(_script.Count > 0, $"The code asked for {destination.Length} more random bytes than scripted.");
        var next = _script.Dequeue();
        Assert.Equal(next.Length, destination.Length);
        next.CopyTo(destination);
    }

    public void AssertUsedUp() => Assert.Empty(_script);
}
