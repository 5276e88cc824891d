using System.Globalization;

namespace Latency.Micro.MaxRate;

/// <summary>
/// Runs hey (Go's net/http client, one goroutine per connection, keep-alive) against the same server: the peer the
/// issue asks the engine to beat by 1.5x, as a managed-runtime client closer to ours than wrk.
/// </summary>
public static class HeyClient
{
    /// <summary>The command line, as printed in the report (without the path).</summary>
    /// <param name="url">The target.</param>
    /// <param name="options">Connections and seconds.</param>
    public static IReadOnlyList<string> Arguments(Uri url, MaxRateOptions options) =>
        ["-z", $"{options.Seconds}s", "-c", options.Connections.ToString(CultureInfo.InvariantCulture), "-disable-compression", url.ToString()];

    /// <summary>Runs hey once; the figures are null when its output has none (it failed).</summary>
    /// <param name="hey">hey's path.</param>
    /// <param name="url">The target.</param>
    /// <param name="options">Connections and seconds.</param>
    /// <param name="serverCpu">The server's CPU time so far, or null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<(RateFigures? Figures, string Output)> RunAsync(string hey, Uri url, MaxRateOptions options,
        Func<TimeSpan>? serverCpu, CancellationToken cancellationToken)
    {
        var outcome = await PeerProcess.RunAsync(hey, Arguments(url, options), serverCpu, cancellationToken).ConfigureAwait(false);
        var name = $"hey -c {options.Connections}";
        return (HeyOutput.Parse(name, outcome.Output, outcome.ClientCores, outcome.ServerCores), outcome.Output);
    }
}
