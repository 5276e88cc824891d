using Latency.IntegrationTests.Support;
using SkiaSharp;

namespace Latency.IntegrationTests.Reports;

/// <summary>
/// report.html's first screen, as a reader on a laptop sees it before scrolling (a 1400 x 900 viewport): the headline,
/// the grid and the map all inside it, and the page self-contained (no request beyond its own file). The run is the
/// default study's size (7 countries x 6 workloads) with every callout that can come before the answer.
/// </summary>
public class FirstScreenInChromiumTests
{
    private const int Width = 1400;
    private const int Height = 900;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [RequiresChromiumFact]
    public async Task ReportHtml_At1400x900_ShowsHeadlineGridAndMapInTheFirstScreenWithoutNetworkRequests()
    {
        using var output = new TempDirectory();
        var url = await DefaultSizedStudyRun.ReportHtmlAsync(output.Path);

        await using var page = await ChromiumPage.OpenAsync(url, Width, Height, Timeout);

        // The screenshot before the layout checks, so that it is written (and checked) whatever they find.
        var screenshot = Path.Combine(output.Path, "first-screen.png");
        await File.WriteAllBytesAsync(screenshot, await page.ScreenshotAsync());
        using (var bitmap = SKBitmap.Decode(screenshot))
        {
            Assert.NotNull(bitmap);
            Assert.Equal((Width, Height), (bitmap.Width, bitmap.Height));
        }

        var outside = (await page.RectsAsync("headline", "grid", "map"))
            .Where(r => r.Value?.FitsIn(Width, Height) != true)
            .Select(r => $"#{r.Key}: {(object?)r.Value ?? "no such element"}")
            .ToList();
        Assert.True(outside.Count == 0, $"not inside the first {Width} x {Height} screen:\n" + string.Join("\n", outside));

        // The whole grid, and the headline within its 30 words.
        Assert.Equal("7", await page.EvaluateAsync("String(document.querySelectorAll('#grid tbody tr').length)"));
        Assert.Equal("42", await page.EvaluateAsync("String(document.querySelectorAll('#grid tbody td').length)"));
        var headline = await page.EvaluateAsync("document.getElementById('headline').textContent");
        Assert.InRange(headline.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 10, 30);
        Assert.Equal("3", await page.EvaluateAsync("String(document.querySelectorAll('.callout').length)"));

        // Self-contained: the report's own file and its images' data: URLs (Chromium lists those as requests too).
        Assert.Contains(url, page.Requests);
        var network = page.Requests.Where(r => r != url && !r.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(network.Count == 0, "requests beyond the report's own file:\n" + string.Join("\n", network));
        Assert.True(page.ConsoleMessages.Count == 0, "console messages:\n" + string.Join("\n", page.ConsoleMessages));
    }
}
