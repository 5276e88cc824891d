using System.Globalization;

namespace Latency.Micro.MaxRate;

/// <summary>Runs wrk (a separate native process, its own event loop per thread) against the same server.</summary>
public static class WrkClient
{
    /// <summary>The command line, as printed in the report (without the path, which differs between machines).</summary>
    /// <param name="url">The target.</param>
    /// <param name="options">Connections and seconds.</param>
    public static IReadOnlyList<string> Arguments(Uri url, MaxRateOptions options) =>
        ["-t", Threads(options).ToString(CultureInfo.InvariantCulture),
         "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
         "-d", $"{options.Seconds}s", "--latency", url.ToString()];

    /// <summary>Runs wrk once; the figures are null when its output has none (it failed).</summary>
    /// <param name="wrk">wrk's path.</param>
    /// <param name="url">The target.</param>
    /// <param name="options">Connections and seconds.</param>
    /// <param name="serverCpu">The server's CPU time so far, or null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<(RateFigures? Figures, string Output)> RunAsync(string wrk, Uri url, MaxRateOptions options,
        Func<TimeSpan>? serverCpu, CancellationToken cancellationToken)
    {
        var outcome = await PeerProcess.RunAsync(wrk, Arguments(url, options), serverCpu, cancellationToken).ConfigureAwait(false);
        var name = $"wrk -t{Threads(options)} -c{options.Connections}";
        return (WrkOutput.Parse(name, outcome.Output, outcome.ClientCores, outcome.ServerCores), outcome.Output);
    }

    // wrk needs at least one connection per thread; two threads, one per core, is the brief's setup.
    private static int Threads(MaxRateOptions options) => Math.Min(2, options.Connections);
}
