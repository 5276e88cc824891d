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
            Append(text, block);
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static void Append(StringBuilder text, ReportBlock block)
    {
        switch (block)
        {
            case ReportHeading h:
                text.Append('#', Math.Clamp(h.Level, 1, 6)).Append(' ').Append(Inline(h.Text)).Append("\n\n");
                break;
            case ReportHeadline h:
                text.Append("**").Append(Inline(h.Text)).Append("**\n\n");
                break;
            case ReportResidencyLine r:
                text.Append(Inline(r.Text)).Append("\n\n");
                break;
            case ReportParagraph p:
                text.Append(Inline(p.Text)).Append("\n\n");
                break;
            case ReportCallout c:
                text.Append("> **").Append(Inline(c.Title)).Append("** ").Append(Inline(c.Text)).Append("\n\n");
                break;
            case ReportList l:
                AppendList(text, l.Items);
                break;
            case ReportLinks l:
                foreach (var link in l.Links)
                {
                    text.Append("- [").Append(Inline(link.Text)).Append("](").Append(link.Href.Replace(" ", "%20", StringComparison.Ordinal)).Append(")\n");
                }

                text.Append('\n');
                break;
            case ReportTable t:
                AppendTable(text, t.Header, t.Rows, t.NumericColumns);
                break;
            case ReportChart c:
                text.Append("![").Append(Inline(c.Chart.Description)).Append("](").Append(ChartsFolder).Append('/').Append(c.Chart.Name)
                    .Append(".png)\n\n*").Append(Inline(c.Chart.Title)).Append("* ([SVG](").Append(ChartsFolder).Append('/')
                    .Append(c.Chart.Name).Append(".svg))\n\n");
                break;
            case ReportGainGrid g:
                // A table cannot be filled in Markdown: each cell says its value and its verdict in words.
                AppendTable(text,
                    g.Grid.Workloads.Select(WorkloadLabel.Of).Prepend("Country").ToList(),
                    g.Grid.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select(Cell).Prepend(r.Label).ToList()).ToList(),
                    new HashSet<int>());
                text.Append(Inline(g.Caption)).Append("\n\n");
                break;
            case ReportMap m:
                text.Append("![Map of the countries studied](").Append(ChartsFolder).Append('/').Append(ReportMap.FileName).Append(")\n\n*")
                    .Append(Inline(m.Caption)).Append("*\n\n");
                break;
            case ReportColumns c:
                foreach (var inner in c.Left.Concat(c.Right))
                {
                    Append(text, inner);
                }

                break;
            case ReportBox b:
                text.Append("### ").Append(Inline(b.Title)).Append("\n\n");
                AppendList(text, b.Items);
                break;
            case ReportDetails d:
                text.Append("## ").Append(Inline(d.Title)).Append("\n\n");
                foreach (var inner in d.Blocks)
                {
                    Append(text, inner);
                }

                break;
            default:
                throw new NotSupportedException($"no Markdown for {block.GetType().Name}");
        }
    }

    private static string Cell(GainGridCell? cell) => cell is null
        ? "-"
        : $"{cell.Value} ({cell.Detail})" + (cell.LowConfidence ? ", low confidence" : "");

    private static void AppendList(StringBuilder text, IReadOnlyList<string> items)
    {
        foreach (var item in items)
        {
            text.Append("- ").Append(Inline(item)).Append('\n');
        }

        text.Append('\n');
    }

    private static void AppendTable(StringBuilder text, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlySet<int> numeric)
    {
        text.Append("| ").Append(string.Join(" | ", header.Select(Cell))).Append(" |\n");
        text.Append('|').Append(string.Join("|", header.Select((_, i) => numeric.Contains(i) ? "---:" : "---"))).Append("|\n");
        foreach (var row in rows)
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        text.Append('\n');
    }

    // Text from run files (names, error messages) must not turn into Markdown structure.
    private static string Inline(string text) =>
        text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("_", "\\_").Replace("`", "\\`").Replace("<", "&lt;")
            .Replace("\r", "").Replace("\n", " ");

    private static string Cell(string text) => Inline(text).Replace("|", "\\|");
}
