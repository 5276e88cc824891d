using System.Text;

namespace Latency.World.Native;

/// <summary>
/// A layer-3 TUN device (IFF_TUN | IFF_NO_PI: every read is one raw IP packet). The file descriptor keeps working
/// after the interface is moved into another network namespace, which is how one emulator process serves every
/// namespace. Closing the descriptor removes the (non-persistent) interface.
/// </summary>
internal sealed unsafe class TunDevice : IDisposable
{
    private TunDevice(int fd, string name)
    {
        Fd = fd;
        Name = name;
    }

    public int Fd { get; private set; }

    public string Name { get; }

    /// <summary>Creates a TUN interface named <paramref name="name"/> (at most 15 bytes), non-blocking.</summary>
    public static TunDevice Create(string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        if (bytes.Length is 0 or > 15)
        {
            throw new ArgumentException($"interface name '{name}' must be 1 to 15 ASCII characters", nameof(name));
        }

        var fd = Libc.Open("/dev/net/tun", Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"cannot open /dev/net/tun: {Libc.Describe(Libc.LastError)}");
        }

        var request = default(Libc.IfReq);
        for (var i = 0; i < bytes.Length; i++)
        {
            request.Name[i] = bytes[i];
        }

        request.Flags = Libc.IFF_TUN | Libc.IFF_NO_PI;
        if (Libc.Ioctl(fd, Libc.TUNSETIFF, &request) < 0)
        {
            var errno = Libc.LastError;
            Libc.Close(fd);
            throw new IOException($"cannot create TUN device {name}: {Libc.Describe(errno)}");
        }

        var flags = Libc.Fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0 || Libc.Fcntl(fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0)
        {
            var errno = Libc.LastError;
            Libc.Close(fd);
            throw new IOException($"cannot make TUN device {name} non-blocking: {Libc.Describe(errno)}");
        }

        return new TunDevice(fd, name);
    }

    public void Dispose()
    {
        if (Fd >= 0)
        {
            Libc.Close(Fd);
            Fd = -1;
        }
    }
}
