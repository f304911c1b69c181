using System.Security.Cryptography;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace ActorKeys.KeyStore;

/// <summary>
/// Reads and writes secret files the way OpenSSH treats private keys: never through a symlink, never when
/// other users can read them or own them, never from a (keystore) folder others can write, never larger than needed,
/// only the very file that was checked, and written atomically with mode 0600 from the first byte, the folder flushed
/// after the rename.
/// </summary>
internal static class SecureFile
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The whole file; the caller zeroes the returned buffer. <paramref name="path"/> is already full.</summary>
    public static byte[] ReadAll(string path, KeyFileKind kind) => ReadAll(path, kind, betweenCheckAndOpen: null);

    /// <summary>
    /// <paramref name="betweenCheckAndOpen"/> runs after the path was checked and before it is opened: the tests use
    /// it to swap the file and show that what is read is what was checked.
    /// </summary>
    internal static byte[] ReadAll(string path, KeyFileKind kind, Action? betweenCheckAndOpen)
    {
        if (OperatingSystem.IsLinux())
        {
            using var checkedHandle = OpenChecked(path, kind, betweenCheckAndOpen);
            return ReadHandle(checkedHandle, kind, path);
        }
        return ReadAllPortable(path, kind);
    }

    /// <summary>
    /// lstat, every check on the entry itself, open, then fstat of what was opened: the open is accepted only when it is
    /// the same device and inode that was checked, so a file swapped in between (rename, symlink) is never read.
    /// </summary>
    [SupportedOSPlatform("linux")]
    private static SafeFileHandle OpenChecked(string path, KeyFileKind kind, Action? betweenCheckAndOpen)
    {
        if (kind.GuardsFolder)
        {
            CheckFolder(Path.GetDirectoryName(path)!, kind, path);
        }
        var entry = UnixFiles.Lstat(path, out var lstatErrno) ?? throw (lstatErrno is UnixFiles.ENoEnt or UnixFiles.ENotDir
            ? KeyFileErrors.NotFound(kind, path)
            : KeyFileErrors.AccessDenied(kind, path, new IOException($"statx failed with errno {lstatErrno}.")));
        CheckEntry(entry, kind, path);
        // FIFOs and devices were refused above, so an empty or huge length here is the file's own.
        CheckLength((long)entry.Size, kind, path);

        betweenCheckAndOpen?.Invoke();

        var handle = UnixFiles.OpenForReading(path, out var errno);
        if (handle is null)
        {
            throw errno is UnixFiles.ENoEnt or UnixFiles.ENotDir
                ? KeyFileErrors.NotFound(kind, path)
                : KeyFileErrors.AccessDenied(kind, path, new IOException($"open failed with errno {errno}."));
        }
        try
        {
            UnixFileStatus opened;
            try
            {
                opened = UnixFiles.Fstat(handle);
            }
            catch (IOException ex)
            {
                throw KeyFileErrors.AccessDenied(kind, path, ex);
            }
            if (!opened.IsSameFileAs(entry))
            {
                throw KeyFileErrors.ChangedWhileOpening(kind, path);
            }
            // Same inode, but its owner or mode may have changed since the lstat.
            CheckEntry(opened, kind, path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    [SupportedOSPlatform("linux")]
    private static void CheckEntry(UnixFileStatus entry, KeyFileKind kind, string path)
    {
        if (entry.IsSymlink)
        {
            throw KeyFileErrors.NotARegularFile(kind, path, "is a symbolic link",
                "give the path of the file it points to, or replace the link with that file");
        }
        if (entry.IsDirectory)
        {
            throw KeyFileErrors.NotARegularFile(kind, path, "is a folder", $"give the path of the {kind.Noun} itself");
        }
        if (!entry.IsRegularFile)
        {
            // A device, FIFO or socket: advising chmod on it (as root, on /dev/null) would do harm.
            throw KeyFileErrors.NotARegularFile(kind, path, "is a device, pipe or socket, not a file",
                $"give the path of the {kind.Noun} itself");
        }
        var me = UnixFiles.EffectiveUserId;
        if (entry.Owner != me)
        {
            throw KeyFileErrors.WrongOwner(kind, path, entry.Owner, me);
        }
        CheckMode(entry.Permissions, kind, path);
    }

    /// <summary>
    /// The folder that holds the file, checked as OpenSSH checks ~/.ssh: whoever can write to it can replace the file
    /// (or plant one before it is issued), so group or other write access is refused, and so is a folder owned by
    /// another user than this one or root (its owner can change its mode at will). Its links are followed: a folder
    /// reached through a symlink is judged by the folder itself.
    /// </summary>
    public static void CheckFolder(string folder, KeyFileKind kind, string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return; // a missing folder is reported by whoever needs it, with its own sentence
        }
        if ((File.GetUnixFileMode(folder) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw KeyFileErrors.InsecureFolder(kind, path, folder);
        }
        var target = new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder;
        if (OperatingSystem.IsLinux() && UnixFiles.Lstat(target, out _) is { } status
            && status.Owner != UnixFiles.EffectiveUserId && status.Owner != 0)
        {
            throw KeyFileErrors.FolderOfAnotherUser(kind, path, folder);
        }
    }

    private static byte[] ReadHandle(SafeFileHandle handle, KeyFileKind kind, string path)
    {
        var length = RandomAccess.GetLength(handle);
        CheckLength(length, kind, path);

        var buffer = new byte[length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(read), read);
            if (n == 0)
            {
                CryptographicOperations.ZeroMemory(buffer);
                throw KeyFileErrors.Damaged(kind, path, "it was shortened while being read");
            }
            read += n;
        }
        return buffer;
    }

    /// <summary>Other systems: .NET's own calls, which cannot tie the check to the opened file (no fstat identity).</summary>
    private static byte[] ReadAllPortable(string path, KeyFileKind kind)
    {
        // FileInfo describes the link itself (lstat), so a symlink is seen before anything follows it.
        var entry = new FileInfo(path);
        if (entry.LinkTarget is not null)
        {
            throw KeyFileErrors.NotARegularFile(kind, path, "is a symbolic link",
                "give the path of the file it points to, or replace the link with that file");
        }
        if (!entry.Exists)
        {
            throw Directory.Exists(path)
                ? KeyFileErrors.NotARegularFile(kind, path, "is a folder", $"give the path of the {kind.Noun} itself")
                : KeyFileErrors.NotFound(kind, path);
        }
        // Windows has ACLs instead of modes; checking them is not part of AK1.
        if (!OperatingSystem.IsWindows())
        {
            CheckMode(entry.UnixFileMode, kind, path);
        }

        // FIFOs and devices report size 0 and .NET cannot tell them from an empty file; refusing every
        // empty entry before opening also keeps a FIFO from blocking the open.
        CheckLength(entry.Length, kind, path);

        using var handle = Open(path, kind);
        if (!OperatingSystem.IsWindows())
        {
            CheckMode(File.GetUnixFileMode(handle), kind, path);
        }
        return ReadHandle(handle, kind, path);
    }

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="contents"/>, or fails without touching an existing file:
    /// temporary file (0600, same folder) → flush to disk → rename that refuses to overwrite.
    /// </summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> contents, KeyFileKind kind)
    {
        // No probe file: the temporary file below finds out the same, and the callers probed before their Argon2id.
        var folder = CheckWritable(path, kind, probe: false);
        WriteThroughTemp(path, folder, contents, kind, overwrite: false);
    }

    /// <summary>
    /// Replaces the existing <paramref name="path"/> atomically with <paramref name="contents"/>: temporary file (0600,
    /// same folder) → flush to disk → rename over the old file → folder flushed. A reader sees the old file or the new
    /// one, never a mix; the caller has read (and so checked) the old file first.
    /// </summary>
    public static void Replace(string path, ReadOnlySpan<byte> contents, KeyFileKind kind) =>
        WriteThroughTemp(path, Path.GetDirectoryName(path)!, contents, kind, overwrite: true);

    private static void WriteThroughTemp(string path, string folder, ReadOnlySpan<byte> contents, KeyFileKind kind, bool overwrite)
    {
        // A leading dot keeps it out of globs like keystore_id_*.json; the random part avoids collisions.
        var temp = TempName(folder, path);
        var moved = false;
        try
        {
            using (var stream = new FileStream(temp, CreateNewOptions()))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite);
            moved = true;
            if (OperatingSystem.IsLinux())
            {
                // The rename is atomic but only durable once the folder itself is on disk.
                UnixFiles.SyncFolder(folder);
            }
        }
        catch (IOException ex) when (!overwrite && !moved && EntryExists(path))
        {
            // Someone created the file between our check and the rename; theirs wins.
            throw KeyFileErrors.AlreadyExists(kind, path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw moved ? KeyFileErrors.NotDurable(kind, path, folder, ex) : KeyFileErrors.CannotWrite(kind, path, folder, ex);
        }
        finally
        {
            if (!moved)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>
    /// Everything that can be known before writing <paramref name="path"/> without leaving anything behind: no entry
    /// there, a folder (not a file) that exists, is safe, and accepts a new file — found out by creating and deleting an
    /// empty temporary file, since permission bits do not tell (root ignores them, /proc refuses every name).
    /// Returns the folder.
    /// </summary>
    public static string CheckWritable(string path, KeyFileKind kind, bool probe = true)
    {
        if (EntryExists(path))
        {
            throw KeyFileErrors.AlreadyExists(kind, path);
        }
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw EntryExists(folder)
                ? KeyFileErrors.FolderIsNotAFolder(kind, path, folder)
                : KeyFileErrors.FolderNotFound(kind, path, folder);
        }
        if (kind.GuardsFolder)
        {
            CheckFolder(folder, kind, path);
        }
        if (probe)
        {
            ProbeFolder(folder, kind, path);
        }
        return folder;
    }

    /// <summary>Creates and deletes an empty temporary file in <paramref name="folder"/>, to learn whether it takes new files.</summary>
    public static void ProbeFolder(string folder, KeyFileKind kind, string path)
    {
        var probe = TempName(folder, path);
        try
        {
            new FileStream(probe, CreateNewOptions()).Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw KeyFileErrors.CannotWrite(kind, path, folder, ex);
        }
        finally
        {
            TryDelete(probe);
        }
    }

    private static string TempName(string folder, string path) =>
        Path.Combine(folder, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");

    /// <summary>True for a file, a directory, or a symlink (even a dangling one) at <paramref name="path"/>.</summary>
    public static bool EntryExists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static FileStreamOptions CreateNewOptions() => OwnerOnlyOptions(FileMode.CreateNew, FileAccess.Write);

    /// <summary>
    /// Options that create a file with mode 0600 from the start (no moment where others can read it), opened
    /// exclusively (<see cref="FileShare.None"/>).
    /// </summary>
    internal static FileStreamOptions OwnerOnlyOptions(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions
        {
            Mode = mode,
            Access = access,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    private static SafeFileHandle Open(string path, KeyFileKind kind)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw KeyFileErrors.NotFound(kind, path);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw KeyFileErrors.AccessDenied(kind, path, ex);
        }
        catch (IOException ex)
        {
            // e.g. a socket (ENXIO): the lstat above could not tell it from a file.
            throw KeyFileErrors.AccessDenied(kind, path, ex);
        }
    }

    private static void CheckMode(UnixFileMode mode, KeyFileKind kind, string path)
    {
        // Any group or other bit, as OpenSSH: a key others can write to is as bad as one they can read.
        if ((mode & GroupOrOther) != 0)
        {
            throw KeyFileErrors.InsecurePermissions(kind, path);
        }
    }

    private static void CheckLength(long length, KeyFileKind kind, string path)
    {
        if (length == 0)
        {
            throw KeyFileErrors.Damaged(kind, path, "it is empty or not a regular file");
        }
        if (length > KeyFileFormat.MaxFileBytes)
        {
            throw KeyFileErrors.Damaged(kind, path, $"it is larger than {KeyFileFormat.MaxFileBytes / 1024} KiB");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
