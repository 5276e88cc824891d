using System.Globalization;
using Latency.IntegrationTests.Support;
using SkiaSharp;

namespace Latency.IntegrationTests.Reports;

/// <summary>
/// report.html, made by <c>latency report</c> from a synthetic study run, opened in headless Chromium as a reader
/// would: no console messages, the answer table and the charts are in the DOM, and a screenshot shows them.
/// </summary>
public class ReportInChromiumTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [RequiresChromiumFact]
    public async Task ReportHtml_OpensInHeadlessChromium_WithTableChartsAndNoConsoleErrors()
    {
        using var output = new TempDirectory();
        var url = await SyntheticStudyRun.ReportHtmlAsync(output.Path);

        // A tall viewport, so that the screenshot reaches down through the table and several charts.
        await using var page = await ChromiumPage.OpenAsync(url, 1280, 2000, Timeout);
        // The report has no scripts: any console message (a blocked or broken image included) is an error of ours.
        Assert.True(page.ConsoleMessages.Count == 0, "console messages:\n" + string.Join("\n", page.ConsoleMessages));

        using (var bitmap = SKBitmap.Decode(await page.ScreenshotAsync()))
        {
            Assert.NotNull(bitmap);
            Assert.Equal(1280, bitmap.Width);
            var (inked, coloured, colouredBands) = Ink(bitmap);
            Assert.True(inked > 0.02, $"screenshot nearly blank: {inked:P1} of pixels not white");
            // The page's text, tables and borders are grey; only the grid's cells, the map and the gain chart are in
            // colour, and they run down the page: coloured pixels in at least 6 of the screenshot's twenty 100-px
            // bands means they are drawn, not one stray mark.
            Assert.True(coloured > 0.001, $"screenshot has {coloured:P2} coloured pixels: charts not shown?");
            Assert.True(colouredBands >= 6, $"coloured pixels in only {colouredBands} of 20 bands of 100 px: charts not shown?");
        }

        var firstTable = await page.EvaluateAsync("document.querySelector('table')?.outerHTML ?? 'no table in the DOM'");
        // The first table is the grid: a row per country, the gain in each cell.
        Assert.Contains("<th>Country</th><th>App cold start</th>", firstTable);
        Assert.Contains("<th scope=\"row\">India</th>", firstTable);
        Assert.Contains("2.5x", firstTable);
        // The grid comes before the first chart: of the two, the table is the first in document order.
        Assert.Equal("TABLE", await page.EvaluateAsync("document.querySelector('table, img').tagName"));
        // The engineers' table is there too, collapsed under a summary.
        Assert.Equal("DETAILS", await page.EvaluateAsync(
            "[...document.querySelectorAll('table')].find(t => t.innerHTML.includes('<td>India</td><td>Mumbai</td><td>App cold start</td>'))?.closest('details')?.tagName ?? 'none'"));
        // Charts are PNGs inside the page, and the browser decoded them.
        var charts = await page.EvaluateAsync(
            "[...document.images].filter(i => i.src.startsWith('data:image/png;base64,') && i.complete && i.naturalWidth > 0).length");
        Assert.True(int.Parse(charts, CultureInfo.InvariantCulture) >= 2, $"{charts} chart image(s) decoded in the page");
    }

    /// <summary>
    /// Share of pixels that are not (near) white, share that are saturated colours (not grey), and in how many
    /// horizontal 100-px bands coloured pixels appear.
    /// </summary>
    private static (double Inked, double Coloured, int ColouredBands) Ink(SKBitmap bitmap)
    {
        long inked = 0, coloured = 0;
        var bands = new HashSet<int>();
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240)
                {
                    inked++;
                }

                if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80)
                {
                    coloured++;
                    bands.Add(y / 100);
                }
            }
        }

        double sampled = (bitmap.Height + 1) / 2 * ((bitmap.Width + 1) / 2);
        return (inked / sampled, coloured / sampled, bands.Count);
    }
}
