using Latency.Reports.Charts;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Reports.Compare;

/// <summary>
/// Writes a comparison's files: compare.md, compare.html (self-contained, the chart embedded), compare.json and, for
/// comparable runs, the chart (<see cref="CompareChart"/>) as charts/compare.png and charts/compare.svg, where
/// compare.md links it (as the study report's charts).
/// </summary>
public static class CompareWriter
{
    public const string MarkdownFileName = "compare.md";

    public const string HtmlFileName = "compare.html";

    /// <summary>Writes the files into <paramref name="outDirectory"/> (created if needed) and returns their paths.</summary>
    /// <param name="comparison">What to write.</param>
    /// <param name="outDirectory">Where.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunComparison comparison, string outDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(outDirectory);
        Directory.CreateDirectory(outDirectory);
        var chart = comparison.IsComparable && comparison.Rows.Count > 0 ? CompareChart.Render(comparison) : null;
        var blocks = CompareDocument.Blocks(comparison, chart);
        var files = new (string Name, string Text)[]
        {
            (MarkdownFileName, MarkdownRenderer.Render(blocks)),
            (HtmlFileName, HtmlRenderer.Render(CompareDocument.Title, blocks)),
            (CompareJson.FileName, CompareJson.Write(comparison)),
        };
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(outDirectory, name);
            await AtomicFile.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }

        if (chart is not null)
        {
            var chartsDirectory = Path.Combine(outDirectory, MarkdownRenderer.ChartsFolder);
            Directory.CreateDirectory(chartsDirectory);
            paths.AddRange(await chart.WriteFilesAsync(chartsDirectory, cancellationToken).ConfigureAwait(false));
        }

        return paths;
    }
}
