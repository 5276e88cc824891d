using System.Diagnostics;

namespace Latency.Micro.MaxRate;

/// <summary>Runs wrk (a separate native process, its own event loop per thread) against the same server.</summary>
public static class WrkClient
{
    /// <summary>wrk's path: the given one, or the first <c>wrk</c> on PATH; null when there is none.</summary>
    public static string? Find(string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? given : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "wrk");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The command line, as printed in the report (without the path, which differs between machines).</summary>
    public static IReadOnlyList<string> Arguments(Uri url, MaxRateOptions options) =>
        ["-t", Threads(options).ToString(System.Globalization.CultureInfo.InvariantCulture),
         "-c", options.Connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "-d", $"{options.Seconds}s", "--latency", url.ToString()];

    public static async Task<(RateFigures? Figures, string Output)> RunAsync(string wrk, Uri url, MaxRateOptions options,
        Func<TimeSpan>? serverCpu, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Arguments(url, options))
        {
            start.ArgumentList.Add(argument);
        }

        var wallStart = Stopwatch.GetTimestamp();
        var childCpuStart = CpuTime.WaitedChildren();
        var serverCpuStart = serverCpu?.Invoke();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {wrk}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
        // wrk has exited and been waited for, so its CPU time now counts in this process's children's time.
        var clientCores = (CpuTime.WaitedChildren() - childCpuStart).TotalSeconds / wall;
        double? serverCores = serverCpu is not null && serverCpuStart is { } s ? (serverCpu() - s).TotalSeconds / wall : null;
        var name = $"wrk -t{Threads(options)} -c{options.Connections}";
        return (WrkOutput.Parse(name, output, clientCores, serverCores), output);
    }

    // wrk needs at least one connection per thread; two threads, one per core, is the brief's setup.
    private static int Threads(MaxRateOptions options) => Math.Min(2, options.Connections);
}
