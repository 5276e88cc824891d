namespace Latency.Reports.Study;

/// <summary>
/// The map of the countries studied, as an SVG document: HTML inlines it (no image request, text stays selectable),
/// Markdown links charts/<see cref="FileName"/>.
/// </summary>
/// <param name="Svg">The SVG document.</param>
/// <param name="Caption">What the map shows, its data set and viewpoint (drawn inside the SVG too; Markdown writes it under the link).</param>
public sealed record ReportMap(string Svg, string Caption) : ReportBlock
{
    /// <summary>The map's file under charts/.</summary>
    public const string FileName = "map.svg";
}
