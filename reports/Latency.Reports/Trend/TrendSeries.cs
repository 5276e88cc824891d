namespace Latency.Reports.Trend;

/// <summary>
/// One row of one suite over the runs that have it, oldest first: what a trend chart draws. A neutral model, so the
/// report knows nothing of where runs are stored.
/// </summary>
public sealed record TrendSeries
{
    /// <summary>The suite (or study) the row belongs to.</summary>
    public required string Suite { get; init; }

    /// <summary>The row's key, e.g. <c>checkout/get</c> or <c>mumbai/beijing/app-cold-start</c>.</summary>
    public required string Row { get; init; }

    /// <summary>The runs, oldest first.</summary>
    public required IReadOnlyList<TrendPoint> Points { get; init; }
}
