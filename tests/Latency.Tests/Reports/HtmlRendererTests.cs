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
}
