using Latency.Reports.Charts;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Reports.Trend;

/// <summary>
/// Writes a trend report: trend.html (self-contained, the charts embedded, <see cref="TrendDocument"/>) and each row's
/// chart (<see cref="TrendChart"/>) as charts/&lt;name&gt;.png and .svg, files a reader can open or attach on their own.
/// </summary>
public static class TrendWriter
{
    public const string HtmlFileName = "trend.html";

    /// <summary>Writes the files into <paramref name="outDirectory"/> (created if needed) and returns their paths, trend.html first.</summary>
    /// <param name="report">What to write.</param>
    /// <param name="outDirectory">Where.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <exception cref="IOException">The folder or a file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or a file may not be written.</exception>
    public static async Task<IReadOnlyList<string>> WriteAsync(TrendReport report, string outDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(outDirectory);
        var chartsDirectory = Path.Combine(outDirectory, MarkdownRenderer.ChartsFolder);
        Directory.CreateDirectory(chartsDirectory);
        var charts = Charts(report);
        var html = Path.Combine(outDirectory, HtmlFileName);
        await AtomicFile.WriteAllTextAsync(html, HtmlRenderer.Render(TrendDocument.Title, TrendDocument.Blocks(report, charts)), cancellationToken).ConfigureAwait(false);
        var paths = new List<string> { html };
        foreach (var chart in charts.OfType<RenderedChart>())
        {
            paths.AddRange(await chart.WriteFilesAsync(chartsDirectory, cancellationToken).ConfigureAwait(false));
        }

        return paths;
    }

    /// <summary>
    /// The chart of each series with enough runs, null for the others; a name two series share once made file-safe
    /// (rows "a/b" and "a-b") gets "-2", "-3", ... so no chart overwrites another.
    /// </summary>
    internal static IReadOnlyList<RenderedChart?> Charts(TrendReport report)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var charts = new List<RenderedChart?>();
        foreach (var series in report.Series)
        {
            if (series.Points.Count < TrendAnalysis.MinRuns)
            {
                charts.Add(null);
                continue;
            }

            var chart = TrendChart.Render(series, TrendAnalysis.Changes(series, report.Tolerance), TrendAnalysis.SlowerLevels(series, report.Tolerance));
            var name = chart.Name;
            for (var n = 2; !names.Add(name); n++)
            {
                name = $"{chart.Name}-{n}";
            }

            charts.Add(chart with { Name = name });
        }

        return charts;
    }
}
