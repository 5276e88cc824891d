using Latency.Reports.Study;

namespace Latency.Tests.Reports;

public sealed class ReportLinksTests
{
    private static readonly ReportLinks Links = new([new ReportLink("Run <report>", "run/report.html"), new ReportLink("Trend & more", "my trend.html")]);

    [Fact]
    public void Html_LinksEachTarget_TextAndAddressEscaped()
    {
        var html = HtmlRenderer.Render("t", [Links]);

        Assert.Contains("<li><a href=\"run/report.html\">Run &lt;report&gt;</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"my trend.html\">Trend &amp; more</a></li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_LinksEachTarget_SpacesInTheAddressEncoded()
    {
        var markdown = MarkdownRenderer.Render([Links]);

        Assert.Contains("](run/report.html)", markdown, StringComparison.Ordinal);
        Assert.Contains("](my%20trend.html)", markdown, StringComparison.Ordinal);
    }
}
