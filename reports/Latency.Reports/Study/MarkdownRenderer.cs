using System.Text;

namespace Latency.Reports.Study;

/// <summary>Renders report blocks as GitHub-flavoured Markdown (for pull requests and chat); charts link charts/*.png|svg.</summary>
public static class MarkdownRenderer
{
    /// <summary>The folder of chart files, relative to the documents.</summary>
    public const string ChartsFolder = "charts";

    public static string Render(IEnumerable<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ReportHeading h:
                    text.Append('#', Math.Clamp(h.Level, 1, 6)).Append(' ').Append(Inline(h.Text)).Append("\n\n");
                    break;
                case ReportParagraph p:
                    text.Append(Inline(p.Text)).Append("\n\n");
                    break;
                case ReportCallout c:
                    text.Append("> **").Append(Inline(c.Title)).Append("** ").Append(Inline(c.Text)).Append("\n\n");
                    break;
                case ReportList l:
                    foreach (var item in l.Items)
                    {
                        text.Append("- ").Append(Inline(item)).Append('\n');
                    }

                    text.Append('\n');
                    break;
                case ReportTable t:
                    text.Append("| ").Append(string.Join(" | ", t.Header.Select(Cell))).Append(" |\n");
                    text.Append('|').Append(string.Join("|", t.Header.Select((_, i) => t.NumericColumns.Contains(i) ? "---:" : "---"))).Append("|\n");
                    foreach (var row in t.Rows)
                    {
                        text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                    }

                    text.Append('\n');
                    break;
                case ReportChart c:
                    text.Append("![").Append(Inline(c.Chart.Description)).Append("](").Append(ChartsFolder).Append('/').Append(c.Chart.Name)
                        .Append(".png)\n\n*").Append(Inline(c.Chart.Title)).Append("* ([SVG](").Append(ChartsFolder).Append('/')
                        .Append(c.Chart.Name).Append(".svg))\n\n");
                    break;
                default:
                    throw new NotSupportedException($"no Markdown for {block.GetType().Name}");
            }
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    // Text from run files (names, error messages) must not turn into Markdown structure.
    private static string Inline(string text) =>
        text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("_", "\\_").Replace("`", "\\`").Replace("<", "&lt;")
            .Replace("\r", "").Replace("\n", " ");

    private static string Cell(string text) => Inline(text).Replace("|", "\\|");
}
