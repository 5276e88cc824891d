using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// A real nats-server (Debian's package, with JetStream on file storage in a folder of its own) on a free loopback
/// port, for the distributed tests: started by the test, stopped and removed after; it can be restarted on the same
/// port and storage to test reconnection.
/// </summary>
public sealed class NatsServer : IAsyncDisposable
{
    private readonly string _storage = Directory.CreateTempSubdirectory("latency-nats-").FullName;
    private Process? _process;

    private NatsServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>Debian installs it in /usr/sbin, which an unprivileged user's PATH may lack.</summary>
    private const string DebianPath = "/usr/sbin/nats-server";

    private static string? Program => ExternalTool.FindOnPath("nats-server") ?? (File.Exists(DebianPath) ? DebianPath : null);

    /// <summary>Why nats-server cannot run here (not installed), or null when it can.</summary>
    public static string? Missing() => Program is null ? "nats-server is not installed (Debian package nats-server)" : null;

    /// <summary>Starts a server on a free port and waits until it accepts connections.</summary>
    public static async Task<NatsServer> StartAsync()
    {
        var server = new NatsServer(FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and storage.</summary>
    public async Task RestartAsync()
    {
        var info = new ProcessStartInfo(Program ?? throw new InvalidOperationException(Missing()))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-js", "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", _storage })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start nats-server");
        // Drained so a full pipe never blocks it.
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server (as a crash would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_storage, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
