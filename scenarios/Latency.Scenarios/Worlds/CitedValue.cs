using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// A number from a world file with where it comes from. Every number in a world file carries a
/// <see cref="Source"/> (the published row it was taken from), an <see cref="Assumption"/> (the rule it was derived
/// by), or both; the loader refuses a bare number, so nobody has to guess later whether a figure was measured.
/// </summary>
/// <param name="Value">The number, in the unit its key names (<c>_ms</c>, <c>_mbps</c>, <c>_pct</c>).</param>
/// <param name="Source">The row it was taken from, e.g. "backbone-rtt.csv: Mumbai -> aws:ap-south-1 Mumbai, 3 ms".</param>
/// <param name="Assumption">The rule used where no row gives the number.</param>
/// <param name="Location">Where the number was written.</param>
public sealed record CitedValue(double Value, string? Source, string? Assumption, SourceLocation? Location = null)
{
    /// <summary>Source and assumption in one line, for tables and reports.</summary>
    public string Citation => CitationOf(Source, Assumption);

    /// <summary>A source and an assumption in one line: "source; assumption: rule", either alone, or empty.</summary>
    public static string CitationOf(string? source, string? assumption) => (source, assumption) switch
    {
        ({ } s, { } a) => $"{s}; assumption: {a}",
        ({ } s, null) => s,
        (null, { } a) => $"assumption: {a}",
        _ => string.Empty,
    };
}
