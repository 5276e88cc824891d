using System.Runtime.InteropServices;
using Latency.Timing;

namespace Latency.World.Native;

/// <summary>
/// The few Linux system calls the world needs that .NET does not wrap: TUN devices (open + ioctl), network
/// namespaces (setns), and a precise wait over several file descriptors (ppoll). Written by hand: no served
/// package (Mono.Posix and Tmds.LibC are not on the mirror) covers TUN and setns. Sleeps, timer slack and
/// real-time scheduling are Latency.Timing's (<see cref="RealTimeThread"/>), and so is <see cref="Timespec"/>.
/// </summary>
internal static unsafe partial class Libc
{
    public const int O_RDWR = 0x0002;
    public const int O_NONBLOCK = 0x0800;
    public const int O_CLOEXEC = 0x80000;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const ulong TUNSETIFF = 0x400454ca;
    public const ulong TUNSETPERSIST = 0x400454cb;
    public const short IFF_TUN = 0x0001;
    public const short IFF_NO_PI = 0x1000;
    public const int CLONE_NEWNET = 0x40000000;
    public const short POLLIN = 0x0001;
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const ulong SIOCGSTAMPNS = 0x8907;
    public const int CLOCK_REALTIME = 0;
    public const int ENOENT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const uint STATX_TYPE = 0x1;
    public const uint STATX_MODE = 0x2;
    public const uint STATX_UID = 0x8;
    public const int S_IFMT = 0xF000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFLNK = 0xA000;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>
    /// struct statx, the fields read here: unlike struct stat its layout is the same on every architecture, so one
    /// declaration serves x64 and arm64 (256 bytes in all).
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
    }

    /// <summary>struct ifreq as TUNSETIFF reads it: a 16-byte name, then the flags (the union is 24 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 40)]
    public struct IfReq
    {
        public fixed byte Name[16];
        public short Flags;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, void* argument);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, nint argument);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "ppoll", SetLastError = true)]
    public static partial int PPoll(PollFd* fds, nuint count, Timespec* timeout, nint sigmask);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGetTime(int clock, Timespec* time);

    [LibraryImport("libc", EntryPoint = "pthread_self")]
    public static partial nuint PThreadSelf();

    /// <summary>The CPU-time clock of a thread, readable with <see cref="ClockGetTime"/> from any thread of the process.</summary>
    [LibraryImport("libc", EntryPoint = "pthread_getcpuclockid")]
    public static partial int PThreadGetCpuClockId(nuint thread, int* clock);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directoryFd, string path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    public static int LastError => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
