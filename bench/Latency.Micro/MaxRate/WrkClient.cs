using System.Globalization;

namespace Latency.Micro.MaxRate;

/// <summary>wrk as max-rate's peer: a separate native process, its own event loop per thread.</summary>
public static class WrkClient
{
    /// <summary>wrk at <paramref name="path"/> (null: not found).</summary>
    /// <param name="path">wrk's path.</param>
    public static PeerTool Create(string? path) =>
        new("wrk", path, Arguments, options => $"wrk -t{Threads(options)} -c{options.Connections}", WrkOutput.Parse);

    /// <summary>The command line, as printed in the report (without the path, which differs between machines).</summary>
    /// <param name="url">The target.</param>
    /// <param name="options">Connections and seconds.</param>
    public static IReadOnlyList<string> Arguments(Uri url, MaxRateOptions options) =>
        ["-t", Threads(options).ToString(CultureInfo.InvariantCulture),
         "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
         "-d", $"{options.Seconds}s", "--latency", url.ToString()];

    // wrk needs at least one connection per thread; two threads, one per core, is the brief's setup.
    private static int Threads(MaxRateOptions options) => Math.Min(2, options.Connections);
}
