using System.Text;
using Latency.Reports.Study;

namespace Latency.Reports.Compare;

/// <summary>Writes a comparison's files: compare.md, compare.html (self-contained) and compare.json.</summary>
public static class CompareWriter
{
    public const string MarkdownFileName = "compare.md";

    public const string HtmlFileName = "compare.html";

    /// <summary>Writes the three files into <paramref name="outDirectory"/> (created if needed) and returns their paths.</summary>
    /// <param name="comparison">What to write.</param>
    /// <param name="outDirectory">Where.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(RunComparison comparison, string outDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(outDirectory);
        Directory.CreateDirectory(outDirectory);
        var blocks = CompareDocument.Blocks(comparison);
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
            await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }

        return paths;
    }
}
