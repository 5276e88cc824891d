using SkiaSharp;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// <see cref="ChromiumPage"/> against a page whose layout, requests and console output are known, so that a report
/// test failing on them blames the report, not the client.
/// </summary>
public class ChromiumPageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private const string DataUrl = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E";

    [RequiresChromiumFact]
    public async Task ChromiumPage_ReportsElementRectsRequestsAndConsoleMessages()
    {
        using var site = new TempDirectory();
        var image = site.File("dot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>");
        var html = site.File("page.html", $$"""
            <!doctype html>
            <html><head><style>
              body { margin: 0 }
              #box { position: absolute; left: 10px; top: 20px; width: 300px; height: 40px; background: rgb(200, 0, 0) }
            </style></head>
            <body>
              <div id="box"></div>
              <img src="dot.svg" alt="" style="position: absolute; top: 100px">
              <img src="{{DataUrl}}" alt="">
              <script>console.log('hello', 42)</script>
            </body></html>
            """);
        var url = new Uri(html).AbsoluteUri;

        await using var page = await ChromiumPage.OpenAsync(url, 640, 480, Timeout);

        var rects = await page.RectsAsync("box", "missing");
        Assert.Equal(new PageRect(10, 20, 300, 40), rects["box"]);
        Assert.Null(rects["missing"]);
        Assert.Equal("640x480", await page.EvaluateAsync("`${innerWidth}x${innerHeight}`"));
        // Chromium reports a data: URL as a request too (Network.requestWillBeSent). The page's own URL comes first; the
        // order of the images' requests is Chromium's business.
        Assert.Equal(url, page.Requests[0]);
        Assert.Equal(new[] { url, new Uri(image).AbsoluteUri, DataUrl }.Order(), page.Requests.Order());
        Assert.Equal(["log: hello 42"], page.ConsoleMessages);

        using var screenshot = SKBitmap.Decode(await page.ScreenshotAsync());
        Assert.Equal((640, 480), (screenshot.Width, screenshot.Height));
        Assert.Equal(new SKColor(200, 0, 0), screenshot.GetPixel(160, 40));
    }
}
