using System.Net;
using System.Text;

namespace Latency.Reports.Study;

/// <summary>
/// Renders report blocks as one self-contained HTML file: inline CSS, charts embedded as base64 PNG, no scripts and
/// no external resources, so it opens offline and from a mail attachment.
/// </summary>
public static class HtmlRenderer
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 1rem auto; max-width: 1360px; padding: 0 1rem; color: #222; }
        h1 { font-size: 1.4rem; margin: 0.2rem 0 0.4rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
        p, li { max-width: 110ch; }
        .headline { font-size: 1.3rem; font-weight: 600; line-height: 1.35; margin: 0.4rem 0 0.8rem; max-width: 75ch; }
        .residency { margin: -0.5rem 0 0.8rem; max-width: 90ch; }
        .table-wrap { overflow-x: auto; margin: 1rem 0; } table { border-collapse: collapse; font-size: 0.95rem; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; }
        th { background: #f3f3f3; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .callout { border-left: 6px solid #d62728; background: #fdecea; padding: 0.35rem 0.8rem; margin: 0.4rem 0; font-size: 0.92rem; }
        .columns { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 1.2rem; align-items: start; }
        @media (max-width: 1100px) { .columns { grid-template-columns: minmax(0, 1fr); } }
        table.gain-grid { margin: 0; } table.gain-grid th, table.gain-grid td { text-align: center; padding: 0.25rem 0.4rem; }
        table.gain-grid th[scope=row] { text-align: left; white-space: nowrap; }
        table.gain-grid td { min-width: 5.6rem; line-height: 1.15; } table.gain-grid .v { display: block; font-weight: 700; font-size: 1.05rem; }
        table.gain-grid .d { display: block; font-size: 0.8rem; white-space: nowrap; } table.gain-grid .low { display: block; font-size: 0.72rem; font-style: italic; }
        .grid-caption { font-size: 0.85rem; color: #444; margin: 0.4rem 0; }
        .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; font-size: 0.8rem; margin: 0.3rem 0; }
        .legend span.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border: 1px solid #888; vertical-align: -0.15rem; margin-right: 0.25rem; }
        figure.map { margin: 0; } figure.map svg { display: block; max-width: 100%; height: auto; } figure.map figcaption { font-size: 0.8rem; max-width: 520px; }
        .box { border: 1px solid #ccc; background: #f8f8f8; padding: 0.4rem 0.9rem; margin: 0.8rem 0; font-size: 0.88rem; }
        .box h2 { font-size: 1rem; margin: 0.2rem 0; border: none; } .box ul { margin: 0.2rem 0; padding-left: 1.2rem; columns: 2 32rem; }
        details { margin: 0.6rem 0; } details > summary { font-size: 1.15rem; font-weight: 600; cursor: pointer; padding: 0.3rem 0; border-bottom: 1px solid #ddd; }
        figure { margin: 1.5rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { font-style: italic; color: #555; }
        """;

    public static string Render(string title, IEnumerable<ReportBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(blocks);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        foreach (var block in blocks)
        {
            Append(html, block);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Append(StringBuilder html, ReportBlock block)
    {
        switch (block)
        {
            case ReportHeading h:
                var level = Math.Clamp(h.Level, 1, 6);
                html.Append($"<h{level}>").Append(E(h.Text)).Append($"</h{level}>\n");
                break;
            case ReportHeadline h:
                html.Append("<p id=\"headline\" class=\"headline\">").Append(E(h.Text)).Append("</p>\n");
                break;
            case ReportResidencyLine r:
                html.Append("<p id=\"residency\" class=\"residency\">").Append(E(r.Text)).Append("</p>\n");
                break;
            case ReportParagraph p:
                html.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                break;
            case ReportCallout c:
                html.Append("<div class=\"callout\"><strong>").Append(E(c.Title)).Append("</strong> ").Append(E(c.Text)).Append("</div>\n");
                break;
            case ReportList l:
                AppendList(html, l.Items);
                break;
            case ReportLinks l:
                html.Append("<ul>\n");
                foreach (var link in l.Links)
                {
                    html.Append("<li><a href=\"").Append(E(link.Href)).Append("\">").Append(E(link.Text)).Append("</a></li>\n");
                }

                html.Append("</ul>\n");
                break;
            case ReportTable t:
                AppendTable(html, t);
                break;
            case ReportChart c:
                html.Append("<figure>\n<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(c.Chart.Png))
                    .Append("\" width=\"").Append(c.Chart.Width).Append("\" height=\"").Append(c.Chart.Height)
                    .Append("\" alt=\"").Append(E(c.Chart.Description)).Append("\">\n<figcaption>").Append(E(c.Chart.Title))
                    .Append("</figcaption>\n</figure>\n");
                break;
            case ReportGainGrid g:
                AppendGrid(html, g);
                break;
            case ReportMap m:
                // The SVG is ours (Charts.StudyMap escapes every text it draws), so it goes in as markup; it draws its
                // legend and caption itself, so no figcaption repeats them.
                html.Append("<figure id=\"map\" class=\"map\">\n").Append(m.Svg).Append("\n</figure>\n");
                break;
            case ReportColumns c:
                html.Append("<div class=\"columns\">\n<div>\n");
                foreach (var inner in c.Left)
                {
                    Append(html, inner);
                }

                html.Append("</div>\n<div>\n");
                foreach (var inner in c.Right)
                {
                    Append(html, inner);
                }

                html.Append("</div>\n</div>\n");
                break;
            case ReportBox b:
                html.Append("<aside id=\"").Append(E(b.Id)).Append("\" class=\"box\">\n<h2>").Append(E(b.Title)).Append("</h2>\n");
                AppendList(html, b.Items);
                html.Append("</aside>\n");
                break;
            case ReportDetails d:
                html.Append("<details>\n<summary>").Append(E(d.Title)).Append("</summary>\n");
                foreach (var inner in d.Blocks)
                {
                    Append(html, inner);
                }

                html.Append("</details>\n");
                break;
            default:
                throw new NotSupportedException($"no HTML for {block.GetType().Name}");
        }
    }

    private static void AppendList(StringBuilder html, IReadOnlyList<string> items)
    {
        html.Append("<ul>\n");
        foreach (var item in items)
        {
            html.Append("<li>").Append(E(item)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void AppendTable(StringBuilder html, ReportTable t)
    {
        // Wide tables (calibration) scroll on their own instead of widening the whole page.
        html.Append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        for (var i = 0; i < t.Header.Count; i++)
        {
            html.Append(t.NumericColumns.Contains(i) ? "<th class=\"num\">" : "<th>").Append(E(t.Header[i])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(t.NumericColumns.Contains(i) ? "<td class=\"num\">" : "<td>")
                    .Append(E(t.NumericColumns.Contains(i) ? KeepRangesWhole(row[i]) : row[i])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    /// <summary>
    /// The grid: every cell filled on the gain scale and carrying its value and verdict as text (colour is never
    /// alone), then a legend of the classes used.
    /// </summary>
    private static void AppendGrid(StringBuilder html, ReportGainGrid block)
    {
        var grid = block.Grid;
        html.Append("<section id=\"grid\">\n<table class=\"gain-grid\">\n<thead><tr><th>Country</th>");
        foreach (var workload in grid.Workloads)
        {
            html.Append("<th>").Append(E(WorkloadLabel.Of(workload))).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in grid.Rows)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(row.Label)).Append("</th>");
            foreach (var cell in row.Cells)
            {
                if (cell is null)
                {
                    html.Append("<td>-</td>");
                    continue;
                }

                html.Append("<td style=\"background:").Append(cell.Fill).Append(";color:").Append(cell.TextColour).Append("\">")
                    .Append("<span class=\"v\">").Append(E(cell.Value)).Append("</span><span class=\"d\">").Append(E(KeepRangesWhole(cell.Detail))).Append("</span>");
                if (cell.LowConfidence)
                {
                    html.Append("<span class=\"low\">low confidence</span>");
                }

                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n<div class=\"legend\">");
        foreach (var c in grid.Legend)
        {
            html.Append("<span><span class=\"swatch\" style=\"background:").Append(c.Fill).Append("\"></span>").Append(E(c.Label)).Append("</span>");
        }

        html.Append("<span><span class=\"swatch\" style=\"background:").Append(Charts.GainScale.NeutralFill)
            .Append("\"></span>no clear difference, too few sessions or errors</span></div>\n<p class=\"grid-caption\">")
            .Append(E(block.Caption)).Append("</p>\n</section>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// A range such as "2.50-3.45x" with a non-breaking hyphen (U+2011), so a narrow column breaks before "(few
    /// samples)" rather than inside the interval.
    /// </summary>
    internal static string KeepRangesWhole(string cell)
    {
        var chars = cell.ToCharArray();
        for (var i = 1; i < chars.Length - 1; i++)
        {
            if (chars[i] == '-' && char.IsDigit(chars[i - 1]) && char.IsDigit(chars[i + 1]))
            {
                chars[i] = '\u2011';
            }
        }

        return new string(chars);
    }
}
