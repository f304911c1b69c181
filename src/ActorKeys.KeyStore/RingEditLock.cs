namespace ActorKeys.KeyStore;

/// <summary>
/// Serialises the read-change-rename of a master key ring (<see cref="MasterKeyFile.AddKey"/>,
/// <see cref="MasterKeyFile.RemoveKey"/>): two commands editing it at once would each write the ring they read, and the
/// key one of them added would be lost. An exclusive lock on <c>FILE.lock</c> beside it (created 0600, never holding a
/// secret; on Linux .NET takes it with flock), waited for up to <see cref="Wait"/>.
/// </summary>
internal sealed class RingEditLock : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FileStream _lock;

    private RingEditLock(FileStream lockFile) => _lock = lockFile;

    public static RingEditLock Take(string ringPath)
    {
        var lockPath = ringPath + ".lock";
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                return new RingEditLock(new FileStream(lockPath, SecureFile.OwnerOnlyOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite)));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by another command: its edit takes milliseconds.
                Thread.Sleep(50);
            }
            catch (IOException)
            {
                throw KeyFileErrors.Locked(ringPath);
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
