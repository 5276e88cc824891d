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
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; color: #222; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
        .table-wrap { overflow-x: auto; margin: 1rem 0; } table { border-collapse: collapse; font-size: 0.95rem; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; }
        th { background: #f3f3f3; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .callout { border-left: 6px solid #d62728; background: #fdecea; padding: 0.6rem 1rem; margin: 1rem 0; }
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
            switch (block)
            {
                case ReportHeading h:
                    var level = Math.Clamp(h.Level, 1, 6);
                    html.Append($"<h{level}>").Append(E(h.Text)).Append($"</h{level}>\n");
                    break;
                case ReportParagraph p:
                    html.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case ReportCallout c:
                    html.Append("<div class=\"callout\"><strong>").Append(E(c.Title)).Append("</strong> ").Append(E(c.Text)).Append("</div>\n");
                    break;
                case ReportList l:
                    html.Append("<ul>\n");
                    foreach (var item in l.Items)
                    {
                        html.Append("<li>").Append(E(item)).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case ReportTable t:
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
                    break;
                case ReportChart c:
                    html.Append("<figure>\n<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(c.Chart.Png))
                        .Append("\" width=\"").Append(c.Chart.Width).Append("\" height=\"").Append(c.Chart.Height)
                        .Append("\" alt=\"").Append(E(c.Chart.Description)).Append("\">\n<figcaption>").Append(E(c.Chart.Title))
                        .Append("</figcaption>\n</figure>\n");
                    break;
                default:
                    throw new NotSupportedException($"no HTML for {block.GetType().Name}");
            }
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
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
