namespace Latency.World.Native;

/// <summary>
/// Switches the current thread into a named network namespace (setns on /var/run/netns/NAME) and back when
/// disposed. A socket created inside stays in that namespace after the switch back, so a client or a listener can
/// live in a probe's or a deployment's namespace while the process stays outside. Use synchronously: no await
/// inside the scope (the continuation could run on another thread, which would still be in the root namespace).
/// </summary>
internal sealed class NetworkNamespaceScope : IDisposable
{
    private readonly int _original;
    private bool _disposed;

    private NetworkNamespaceScope(int original) => _original = original;

    public static NetworkNamespaceScope Enter(string name)
    {
        var original = Libc.Open("/proc/thread-self/ns/net", Libc.O_CLOEXEC);
        if (original < 0)
        {
            original = Libc.Open("/proc/self/ns/net", 0 | Libc.O_CLOEXEC);
        }

        if (original < 0)
        {
            throw new IOException($"cannot open the current network namespace: {Libc.Describe(Libc.LastError)}");
        }

        var target = Libc.Open($"/var/run/netns/{name}", Libc.O_CLOEXEC);
        if (target < 0)
        {
            var errno = Libc.LastError;
            Libc.Close(original);
            throw new IOException($"network namespace '{name}' not found: {Libc.Describe(errno)}");
        }

        try
        {
            if (Libc.SetNs(target, Libc.CLONE_NEWNET) < 0)
            {
                var errno = Libc.LastError;
                Libc.Close(original);
                throw new IOException($"cannot enter network namespace '{name}': {Libc.Describe(errno)}");
            }
        }
        finally
        {
            Libc.Close(target);
        }

        return new NetworkNamespaceScope(original);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var result = Libc.SetNs(_original, Libc.CLONE_NEWNET);
        var errno = Libc.LastError;
        Libc.Close(_original);
        if (result < 0)
        {
            // A thread left in the wrong namespace would silently send later traffic from there: fail loudly.
            Environment.FailFast($"could not return to the original network namespace: {Libc.Describe(errno)}");
        }
    }
}
