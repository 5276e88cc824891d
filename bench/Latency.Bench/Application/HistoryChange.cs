using Latency.History;

namespace Latency.Bench.Application;

/// <summary>A row whose latest runs are a new, slower level of one quantile (<see cref="HistoryService.Check"/>).</summary>
/// <param name="Suite">The suite (or study) the row belongs to.</param>
/// <param name="Row">The row's key, e.g. <c>checkout/get</c>.</param>
/// <param name="Quantile"><c>p50</c> or <c>p99</c>.</param>
/// <param name="Run">The first run of the slower level.</param>
/// <param name="Before">The median of the quantile over the level before it, in <paramref name="Unit"/>.</param>
/// <param name="After">The median over the slower level, up to the newest run, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit of the row's newest run: microseconds for the harness's runs.</param>
public sealed record HistoryChange(string Suite, string Row, string Quantile, HistoryRun Run, double Before, double After,
    HistoryUnit Unit = HistoryUnit.Microseconds)
{
    /// <summary><see cref="Before"/> in milliseconds.</summary>
    public double BeforeMs => Unit.ToMilliseconds(Before);

    /// <summary><see cref="After"/> in milliseconds.</summary>
    public double AfterMs => Unit.ToMilliseconds(After);

    /// <summary>The step, after / before (1.2 is 20 % slower).</summary>
    public double Ratio => After / Before;
}
