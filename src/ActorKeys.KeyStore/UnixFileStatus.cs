using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace ActorKeys.KeyStore;

/// <summary>What a key file check needs to know about a directory entry or an open file (Linux only).</summary>
internal readonly record struct UnixFileStatus(ulong Device, ulong Inode, uint Owner, uint Mode, ulong Size)
{
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint TypeRegular = 0x8000; // S_IFREG
    private const uint TypeDirectory = 0x4000; // S_IFDIR
    private const uint TypeSymlink = 0xA000; // S_IFLNK

    public bool IsRegularFile => (Mode & TypeMask) == TypeRegular;
    public bool IsDirectory => (Mode & TypeMask) == TypeDirectory;
    public bool IsSymlink => (Mode & TypeMask) == TypeSymlink;

    /// <summary>The permission bits only (no type, no setuid/setgid/sticky).</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0x1FF);

    /// <summary>The same file: device and inode, as OpenSSH and sudo compare an lstat with the fstat of what they opened.</summary>
    public bool IsSameFileAs(UnixFileStatus other) => Device == other.Device && Inode == other.Inode;
}

/// <summary>
/// The few libc calls .NET has no API for: stat of a path without following a link, stat of an open descriptor, the
/// effective uid, and open/fsync/close of a folder.
/// <para>
/// Why <c>statx</c> and not <c>lstat</c>/<c>fstat</c>: glibc exports <c>fstat</c>/<c>lstat</c> as symbols only since
/// 2.33 (before that only the versioned <c>__fxstat</c>/<c>__lxstat</c>), and <c>struct stat</c> has a different
/// layout on each architecture (x86_64 and arm64 differ). <c>statx</c> (glibc 2.28, Linux 4.11; this machine: Debian
/// 12, glibc 2.36) has one fixed 256-byte layout everywhere, so it is read from a byte buffer at documented offsets
/// with no unsafe code: with <c>AT_SYMLINK_NOFOLLOW</c> it is lstat, with an fd and <c>AT_EMPTY_PATH</c> it is fstat.
/// A <c>/proc/self/fd/N</c> readlink would compare paths, not files: after a rename swap the path is the same and
/// the file is not, so it is not equivalent.
/// </para>
/// </summary>
[SupportedOSPlatform("linux")]
internal static class UnixFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    private const int StatxBytes = 256;

    // Offsets in struct statx (include/uapi/linux/stat.h), the same on every architecture.
    private const int UidOffset = 20;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int SizeOffset = 40;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    // These open(2) flags have the same values on x86_64 and arm64 Linux.
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    public const int ENoEnt = 2;
    public const int ENotDir = 20;

    /// <summary>lstat: the entry itself, a symlink not followed; null with <paramref name="errno"/> when it fails.</summary>
    public static UnixFileStatus? Lstat(string path, out int errno)
    {
        var buffer = new byte[StatxBytes];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        errno = 0;
        return Read(buffer);
    }

    /// <summary>fstat: the file <paramref name="handle"/> refers to.</summary>
    public static UnixFileStatus Fstat(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var buffer = new byte[StatxBytes];
            if (Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, buffer) != 0)
            {
                throw new IOException($"statx on an open file failed with errno {Marshal.GetLastPInvokeError()}.");
            }
            return Read(buffer);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public static uint EffectiveUserId => GetEuid();

    /// <summary>
    /// Opens <paramref name="path"/> for reading without blocking (a FIFO swapped in after the check must not hang the
    /// open); the caller checks with <see cref="Fstat"/> what was opened. Returns null with errno when it fails.
    /// </summary>
    public static SafeFileHandle? OpenForReading(string path, out int errno)
    {
        var fd = Open(path, ORdOnly | ONonBlock | OCloExec);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// fsync of a folder, so that a rename into it survives a crash (rename(2) is atomic but not durable until the
    /// folder is flushed, as in SQLite and git). Failures are the caller's to judge.
    /// </summary>
    public static void SyncFolder(string folder)
    {
        using var handle = OpenForReading(folder, out var errno)
            ?? throw new IOException($"Opening the folder {folder} to flush it failed with errno {errno}.");
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Fsync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fsync of the folder {folder} failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    // The kernel fills the struct in the machine's own byte order.
    private static UnixFileStatus Read(ReadOnlySpan<byte> b) => new(
        Device: ((ulong)MemoryMarshal.Read<uint>(b[DevMajorOffset..]) << 32) | MemoryMarshal.Read<uint>(b[DevMinorOffset..]),
        Inode: MemoryMarshal.Read<ulong>(b[InodeOffset..]),
        Owner: MemoryMarshal.Read<uint>(b[UidOffset..]),
        Mode: MemoryMarshal.Read<ushort>(b[ModeOffset..]),
        Size: MemoryMarshal.Read<ulong>(b[SizeOffset..]));

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    // open(2) is variadic; without O_CREAT/O_TMPFILE the mode argument is never read, so the two-argument form is safe.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);
}
