using System.Security.Cryptography;

namespace ActorKeys.Protocol.Crypto;

/// <summary>Where nonces, session ids and ephemeral keys come from; tests pass a fixed one.</summary>
public interface IRandomSource
{
    void Fill(Span<byte> destination);
}

/// <summary>
/// The operating system's CSPRNG (<see cref="RandomNumberGenerator"/>), drawn a block at a time: each thread keeps one
/// block of its output and hands it out in order, zeroing each part as it goes, so no byte is ever handed out twice.
/// </summary>
/// <remarks>
/// On Linux every call to <see cref="RandomNumberGenerator"/> goes to OpenSSL, which first checks whether the process has
/// forked (a <c>getpid</c> system call); a handshake drew random bytes four times on the server (session name, session id,
/// nonce, ephemeral key), and a sampled profile of a warm server put those calls at about 5 % of its CPU per handshake.
/// One call now serves many. Requests larger than a quarter block go to the generator directly.
/// <para>
/// The bytes waiting in a block are future secrets (ephemeral keys), in the process's memory until used: on a thread
/// that rarely draws, up to 512 bytes may wait for long, where OpenSSL's own state is reseeded from time to time. The
/// same memory holds the server's master secret and every live session's keys, so a reader of it has more than these;
/// but a core dump or a swapped page taken later could show keys of sessions since ended. To keep that to the block
/// itself, the block is pinned (never moved, so the garbage collector leaves no stale copy of it behind) and each part is
/// zeroed as it is handed out.
/// </para>
/// </remarks>
public sealed class SystemRandomSource : IRandomSource
{
    public static readonly SystemRandomSource Instance = new();

    /// <summary>Bytes drawn at once: a handshake draws 96 on the server (in four calls), a rekey up to 64.</summary>
    public const int BlockBytes = 512;

    [ThreadStatic] private static byte[]? _block;
    /// <summary>Where the unused part of this thread's block begins; <see cref="BlockBytes"/> when it is used up.</summary>
    [ThreadStatic] private static int _next;

    private SystemRandomSource()
    {
    }

    /// <summary>This thread's block and where its unused part begins, for the tests of its zeroing.</summary>
    internal static (byte[]? Block, int Next) ThisThreadsBlock => (_block, _next);

    public void Fill(Span<byte> destination)
    {
        if (destination.Length > BlockBytes / 4)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }
        var block = _block;
        if (block is null)
        {
            block = _block = GC.AllocateArray<byte>(BlockBytes, pinned: true);
            _next = BlockBytes;
        }
        if (BlockBytes - _next < destination.Length)
        {
            RandomNumberGenerator.Fill(block);
            _next = 0;
        }
        var part = block.AsSpan(_next, destination.Length);
        part.CopyTo(destination);
        CryptographicOperations.ZeroMemory(part);
        _next += destination.Length;
    }
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
