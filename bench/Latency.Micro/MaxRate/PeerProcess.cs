using System.Diagnostics;

namespace Latency.Micro.MaxRate;

/// <summary>
/// Runs a peer load generator (wrk, hey) as a child process to its end and measures what it cost: its CPU (from this
/// process's waited-children time) and the server's over the same wall time.
/// </summary>
public static class PeerProcess
{
    /// <summary>What the run printed and the cores the peer and the server kept busy.</summary>
    /// <param name="Output">Standard output and standard error, in that order.</param>
    /// <param name="ClientCores">The peer's CPU seconds over the wall seconds it ran.</param>
    /// <param name="ServerCores">The server's CPU seconds over the same wall time; null when it is not measured.</param>
    public sealed record Outcome(string Output, double ClientCores, double? ServerCores);

    /// <summary>Starts <paramref name="path"/> with <paramref name="arguments"/> and waits for it to exit.</summary>
    /// <param name="path">The executable.</param>
    /// <param name="arguments">Its arguments, passed without a shell.</param>
    /// <param name="serverCpu">The server's CPU time so far, or null when it shares this process.</param>
    /// <param name="cancellationToken">Stops waiting (the child is left to end on its own duration).</param>
    public static async Task<Outcome> RunAsync(string path, IReadOnlyList<string> arguments, Func<TimeSpan>? serverCpu,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var wallStart = Stopwatch.GetTimestamp();
        var childCpuStart = CpuTime.WaitedChildren();
        var serverCpuStart = serverCpu?.Invoke();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
        // The child has exited and been waited for, so its CPU time now counts in this process's children's time.
        var clientCores = (CpuTime.WaitedChildren() - childCpuStart).TotalSeconds / wall;
        double? serverCores = serverCpu is not null && serverCpuStart is { } s ? (serverCpu() - s).TotalSeconds / wall : null;
        return new Outcome(output, clientCores, serverCores);
    }
}
