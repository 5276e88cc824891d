using System.Globalization;

namespace Latency.Micro.MaxRate;

/// <summary>
/// hey as max-rate's peer (Go's net/http client, one goroutine per connection, keep-alive): the client the issue asks
/// the engine to beat by 1.5x, a managed runtime like ours where wrk is native.
/// </summary>
public static class HeyClient
{
    /// <summary>hey at <paramref name="path"/> (null: not found).</summary>
    /// <param name="path">hey's path.</param>
    public static PeerTool Create(string? path) =>
        new("hey", path, Arguments, options => $"hey -c {options.Connections}", HeyOutput.Parse);

    /// <summary>The command line, as printed in the report (without the path).</summary>
    /// <param name="url">The target.</param>
    /// <param name="options">Connections and seconds.</param>
    public static IReadOnlyList<string> Arguments(Uri url, MaxRateOptions options) =>
        ["-z", $"{options.Seconds}s", "-c", options.Connections.ToString(CultureInfo.InvariantCulture), "-disable-compression", url.ToString()];
}
