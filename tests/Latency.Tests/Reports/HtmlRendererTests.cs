using Latency.Reports.Study;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class HtmlRendererTests
{
    [Theory]
    [InlineData("2.50-3.45x", "2.50\u20113.45x")]
    [InlineData("0.73-2.68x (few samples)", "0.73\u20112.68x (few samples)")]
    [InlineData("412 (398-431)", "412 (398\u2011431)")]
    [InlineData("-", "-")]
    [InlineData("n/a", "n/a")]
    [InlineData("x-y", "x-y")]
    public void KeepRangesWhole_HyphenBetweenDigits_NonBreaking(string cell, string expected)
    {
        Assert.Equal(expected, HtmlRenderer.KeepRangesWhole(cell));
    }

    [Fact]
    public void Render_Table_WrappedToScrollOnItsOwnWithNumericCellsKeptWhole()
    {
        var html = HtmlRenderer.Render("t", [new ReportTable(["Country", "95% CI"], [["India", "1.20-4.17x"]], new HashSet<int> { 1 })]);

        Assert.Contains("<div class=\"table-wrap\"><table>", html);
        Assert.Contains("<td>India</td><td class=\"num\">1.20\u20114.17x</td>", html);
    }

    private static GainGrid Grid() => new()
    {
        Workloads = ["app-cold-start", "ota-check"],
        Rows =
        [
            new GainGridRow("mumbai", "India <IN>",
            [
                new GainGridCell { Verdict = StudyVerdict.Faster, Gain = 4.7, Value = "4.7x", Detail = "4.2-5.2x", Fill = "#08519c", TextColour = "#ffffff", LowConfidence = false },
                new GainGridCell { Verdict = StudyVerdict.TooFewSamples, Gain = 1.4, Value = "1.4x", Detail = "too few sessions", Fill = "#d9d9d9", TextColour = "#222222", LowConfidence = true },
            ]),
        ],
        Legend = [Latency.Reports.Charts.GainScale.Classes[^1]],
    };

    [Fact]
    public void Render_GainGrid_FilledCellsCarryValueAndVerdictAsTextWithALegend()
    {
        var html = HtmlRenderer.Render("t", [new ReportGainGrid(Grid(), "caption")]);

        Assert.Contains("<section id=\"grid\">", html);
        Assert.Contains("<th>App cold start</th><th>OTA check</th>", html);
        Assert.Contains("<th scope=\"row\">India &lt;IN&gt;</th>", html);
        Assert.Contains("<td style=\"background:#08519c;color:#ffffff\"><span class=\"v\">4.7x</span><span class=\"d\">4.2\u20115.2x</span></td>", html);
        Assert.Contains("<span class=\"d\">too few sessions</span><span class=\"low\">low confidence</span>", html);
        Assert.Contains("4x faster or more", html);
    }

    [Fact]
    public void Render_ColumnsDetailsAndBox_NestBlocks()
    {
        var html = HtmlRenderer.Render("t",
        [
            new ReportHeadline("Answer"),
            new ReportColumns([new ReportParagraph("left")], [new ReportParagraph("right")]),
            new ReportBox("trust", "Trust", ["one"]),
            new ReportDetails("More", [new ReportParagraph("inside")]),
        ]);

        Assert.Contains("<p id=\"headline\" class=\"headline\">Answer</p>", html);
        Assert.Contains("<div class=\"columns\">\n<div>\n<p>left</p>\n</div>\n<div>\n<p>right</p>\n</div>\n</div>", html);
        Assert.Contains("<aside id=\"trust\" class=\"box\">\n<h2>Trust</h2>\n<ul>\n<li>one</li>", html);
        Assert.Contains("<details>\n<summary>More</summary>\n<p>inside</p>\n</details>", html);
    }

    [Fact]
    public void RenderMarkdown_GainGrid_ATableWithVerdictsInWords()
    {
        var markdown = MarkdownRenderer.Render([new ReportGainGrid(Grid(), "caption")]);

        Assert.Contains("| Country | App cold start | OTA check |\n|---|---|---|\n| India &lt;IN> | 4.7x (4.2-5.2x) | 1.4x (too few sessions), low confidence |", markdown);
    }
}
