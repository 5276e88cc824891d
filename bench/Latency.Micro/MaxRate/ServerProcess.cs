using System.Diagnostics;
using System.Reflection;

namespace Latency.Micro.MaxRate;

/// <summary>
/// This program started again in <c>serve</c> mode as a child process: the out-of-process target that both clients
/// measure against. Server GC is switched on for it, as an ASP.NET Core app gets by default.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>CPU time the server has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static Task<ServerProcess> StartAsync(TimeSpan readyTimeout, CancellationToken cancellationToken) =>
        StartAsync(readyTimeout, [], cancellationToken);

    /// <summary>Starts the server with <paramref name="serveArguments"/> added to <c>serve</c>'s (e.g. <c>--h2c</c>).</summary>
    public static async Task<ServerProcess> StartAsync(TimeSpan readyTimeout, IReadOnlyList<string> serveArguments, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Started as 'dotnet Latency.Micro.dll': the host needs the assembly as its first argument.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (var argument in new[] { "serve", "--port", "0", "--exit-on-stdin-close" }.Concat(serveArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "1";
        if (InlineSocketCompletions.SetByThisProcess)
        {
            // The client's setting, not the server's: the server runs as it did before the client had it.
            start.Environment.Remove(InlineSocketCompletions.Variable);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(readyTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(ServeCommand.ReadyPrefix, StringComparison.Ordinal))
                {
                    return new ServerProcess(process, new Uri(line[ServeCommand.ReadyPrefix.Length..].Trim()));
                }
            }

            throw new InvalidOperationException($"the server process exited before listening (exit code {process.ExitCode})");
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its standard input is the server's signal to stop; kill it if it does not.
        _process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stop(_process);
        }

        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
