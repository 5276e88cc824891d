namespace Latency.Micro.MaxRate;

/// <summary>A peer load generator max-rate runs after the engine against the same server (wrk, hey).</summary>
/// <param name="Name">Its executable's name, also the word used in the report's ratio line.</param>
/// <param name="Path">Where it is, or null when it was not found (its row is then left out, with a note).</param>
/// <param name="Arguments">Its command line for a target and the options (the report prints it without the path).</param>
/// <param name="RowName">The report's row label for the options, e.g. <c>wrk -t2 -c50</c>.</param>
/// <param name="Parse">Reads its output into figures (label, text, client cores, server cores); null when it printed none.</param>
public sealed record PeerTool(
    string Name,
    string? Path,
    Func<Uri, MaxRateOptions, IReadOnlyList<string>> Arguments,
    Func<MaxRateOptions, string> RowName,
    Func<string, string, double?, double?, RateFigures?> Parse);
