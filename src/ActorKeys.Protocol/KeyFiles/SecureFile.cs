using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace ActorKeys.Protocol.KeyFiles;

/// <summary>
/// Reads and writes secret files the way OpenSSH treats private keys: never through a symlink, never when
/// other users can read them, never larger than needed, and written atomically with mode 0600 from the first byte.
/// </summary>
internal static class SecureFile
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The whole file; the caller zeroes the returned buffer. <paramref name="path"/> is already full.</summary>
    public static byte[] ReadAll(string path, KeyFileKind kind)
    {
        // FileInfo describes the link itself (lstat), so a symlink is seen before anything follows it.
        var entry = new FileInfo(path);
        if (entry.LinkTarget is not null)
        {
            throw KeyFileErrors.NotARegularFile(kind, path, "is a symbolic link");
        }
        if (!entry.Exists)
        {
            throw Directory.Exists(path)
                ? KeyFileErrors.NotARegularFile(kind, path, "is a directory")
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
        // Check again on what was actually opened: the path may have been swapped since the lstat.
        if (!OperatingSystem.IsWindows())
        {
            CheckMode(File.GetUnixFileMode(handle), kind, path);
        }
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

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="contents"/>, or fails without touching an existing file:
    /// temporary file (0600, same folder) → flush to disk → rename that refuses to overwrite.
    /// </summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> contents, KeyFileKind kind)
    {
        if (EntryExists(path))
        {
            throw KeyFileErrors.AlreadyExists(kind, path);
        }
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw KeyFileErrors.FolderNotFound(kind, path, folder);
        }

        // A leading dot keeps it out of globs like keystore_id_*.json; the random part avoids collisions.
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        var moved = false;
        try
        {
            using (var stream = new FileStream(temp, CreateNewOptions()))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: false);
            moved = true;
        }
        catch (IOException ex) when (EntryExists(path))
        {
            // Someone created the file between our check and the rename; theirs wins.
            throw KeyFileErrors.AlreadyExists(kind, path, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw KeyFileErrors.AccessDenied(kind, path, ex);
        }
        finally
        {
            if (!moved)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>True for a file, a directory, or a symlink (even a dangling one) at <paramref name="path"/>.</summary>
    public static bool EntryExists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static FileStreamOptions CreateNewOptions()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Mode 0600 from creation: there is no moment where the key is readable by others.
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
