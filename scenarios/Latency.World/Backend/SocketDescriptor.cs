using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Latency.World.Backend;

/// <summary>dup(2) (close-on-exec) for socket descriptors: lets Kestrel own a listening socket while its creator keeps its own handle.</summary>
internal static class SocketDescriptor
{
    private const int FDupFdCloexec = 1030; // Linux <fcntl.h>

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static int Duplicate(SafeSocketHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            // F_DUPFD_CLOEXEC, not dup(): the world starts child processes (ip, curl) that must not inherit the listener.
            var duplicate = fcntl((int)handle.DangerousGetHandle(), FDupFdCloexec, 0);
            if (duplicate < 0)
            {
                throw new SocketException(Marshal.GetLastPInvokeError());
            }

            return duplicate;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe blocks for the generated stub; one int call does not.
    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, int argument);
#pragma warning restore SYSLIB1054
}
