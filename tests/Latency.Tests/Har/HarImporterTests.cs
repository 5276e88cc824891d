using System.Text;
using Latency.Scenarios.Har;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;
using Xunit;

namespace Latency.Tests.Har;

public sealed class HarImporterTests
{
    [Fact]
    public async Task ImportAsync_ChromiumFixture_GivesEveryRequestInStartOrderWithRecordedOffsetsAndSizes()
    {
        var import = await HarImporter.ImportAsync(FixturePath());
        var requests = import.Workload.Requests.ToList();

        // Values read off scenarios/workloads/fixtures/chromium-fetches.har (see its README).
        var expected = new (string Name, string Method, string Path, long RequestBytes, long ResponseBytes, double WaitMs, int OffsetMs, int Line)[]
        {
            ("r001-health", "GET", "/health", 0, 2, 53.525, 0, 24),
            ("r002-2048", "GET", "/bytes/2048?server_ms=20", 0, 2048, 110.146, 202, 144),
            ("r003-512", "GET", "/bytes/512?server_ms=5", 0, 512, 20.58, 300, 273),
            ("r004-16384", "GET", "/bytes/16384?server_ms=40", 0, 16384, 44.035, 450, 402),
            ("r005-1024", "GET", "/bytes/1024?server_ms=10", 0, 1024, 11.651, 800, 531),
            ("r006-upload", "POST", "/upload?server_ms=15", 300, 23, 17.555, 1200, 660),
        };
        Assert.Equal(expected.Length, requests.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var (name, method, path, requestBytes, responseBytes, waitMs, offsetMs, line) = expected[i];
            var request = requests[i];
            Assert.Equal(name, request.Name);
            Assert.Equal(method, request.Method);
            Assert.Equal(WorkloadRequest.ServiceRole, request.Role);
            Assert.Equal(path, request.Path);
            Assert.Equal(requestBytes, request.RequestBytes);
            Assert.Equal(responseBytes, request.ResponseBytes);
            Assert.Equal(TimeSpan.FromTicks((long)Math.Round(waitMs * TimeSpan.TicksPerMillisecond)), request.ServerTime);
            Assert.Equal(TimeSpan.FromMilliseconds(offsetMs), request.Offset);
            Assert.Equal(line, request.Location?.Line);
        }

        Assert.True(import.Workload.Replay);
        Assert.Equal("chromium-fetches", import.Workload.Name);
        Assert.Equal("1.1", import.Workload.HttpVersion);
        Assert.Equal(ConnectionMode.New, import.Workload.Connection);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), import.Span);
        Assert.Equal([new HarOrigin("http://127.0.0.1:5123", "service", 6)], import.Origins);
        Assert.Empty(import.Skipped);
        Assert.Contains("Playwright 1.65.1, chromium 156.0.8078.108", import.Workload.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralOrigins_MapsFirstUsedToServiceAndOthersToNumberedRoles()
    {
        var har = Har(
            Entry("2024-05-01T10:00:00.300Z", "GET", "https://cdn.example.com/img/a.png"),
            Entry("2024-05-01T10:00:00.000Z", "GET", "https://api.example.com/v1/config?app=1"),
            Entry("2024-05-01T10:00:00.450Z", "GET", "https://api.example.com/v1/feed"),
            Entry("2024-05-01T10:00:00.500Z", "GET", "https://metrics.example.net:8443/collect"));

        var import = HarImporter.Parse(har, "multi.har", name: "app-start");
        var requests = import.Workload.Requests.ToList();

        Assert.Equal("app-start", import.Workload.Name);
        Assert.Equal(["service", "origin-2", "service", "origin-3"], requests.Select(r => r.Role));
        Assert.Equal(["r001-config", "r002-a-png", "r003-feed", "r004-collect"], requests.Select(r => r.Name));
        Assert.Equal("/v1/config?app=1", requests[0].Path);
        Assert.Equal([0, 300, 450, 500], requests.Select(r => (int)r.Offset!.Value.TotalMilliseconds));
        Assert.Equal(
            [
                new HarOrigin("https://api.example.com", "service", 2),
                new HarOrigin("https://cdn.example.com", "origin-2", 1),
                new HarOrigin("https://metrics.example.net:8443", "origin-3", 1),
            ],
            import.Origins);
        Assert.Contains("service = https://api.example.com, origin-2 = https://cdn.example.com", import.Workload.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownBodySizes_FallsBackToPostDataAndContentSize()
    {
        var har = Har("""
            {
              "startedDateTime": "2024-05-01T10:00:00+08:00",
              "request": { "method": "post", "url": "https://api.example.com/login", "bodySize": -1,
                           "postData": { "mimeType": "application/json", "text": "{\"user\":\"é\"}" } },
              "response": { "status": 200, "httpVersion": "h2", "bodySize": -1, "content": { "size": 512 } },
              "timings": { "send": 0, "wait": -1, "receive": 1 }
            }
            """);

        var request = HarImporter.Parse(har, "login.har").Workload.Requests.Single();

        Assert.Equal("POST", request.Method);
        Assert.Equal(13, request.RequestBytes); // UTF-8 bytes, é is two
        Assert.Equal(512, request.ResponseBytes);
        Assert.Equal(TimeSpan.Zero, request.ServerTime);
        Assert.Equal("2", HarImporter.Parse(har, "login.har").Workload.HttpVersion);
    }

    /// <remarks>
    /// <c>response_bytes</c> is what went over the wire: the backend answers incompressible bytes, so a compressed body
    /// recorded at its decoded size would replay three times as many bytes as the capture carried.
    /// </remarks>
    [Theory]
    [InlineData("\"bodySize\": 30000, \"content\": { \"size\": 90000, \"compression\": 60000 }", 30_000)]
    [InlineData("\"bodySize\": -1, \"content\": { \"size\": 90000, \"compression\": 60000 }", 30_000)]
    [InlineData("\"bodySize\": -1, \"headersSize\": -1, \"_transferSize\": 30250, \"content\": { \"size\": 90000 }", 30_250)]
    [InlineData("\"bodySize\": -1, \"headersSize\": 250, \"_transferSize\": 30250, \"content\": { \"size\": 90000 }", 30_000)]
    [InlineData("\"bodySize\": -1, \"content\": { \"size\": 90000, \"compression\": 95000 }", 90_000)]
    [InlineData("\"bodySize\": -1, \"content\": { \"size\": -1 }", 0)]
    public void Parse_CompressedResponse_RecordsTheTransferredBodySize(string responseFields, long expected)
    {
        var har = Har($$"""
            { "startedDateTime": "2024-05-01T10:00:00Z", "request": { "method": "GET", "url": "https://api.example.com/app.js" },
              "response": { "status": 200, {{responseFields}} } }
            """);

        Assert.Equal(expected, HarImporter.Parse(har, "compressed.har").Workload.Requests.Single().ResponseBytes);
    }

    [Fact]
    public void Parse_WebSocketAndDataUrls_AreSkippedAndListed()
    {
        var har = Har(
            Entry("2024-05-01T10:00:00.000Z", "GET", "wss://push.example.com/socket"),
            Entry("2024-05-01T10:00:00.100Z", "GET", "https://api.example.com/"));

        var import = HarImporter.Parse(har, "ws.har");

        Assert.Equal("r001-root", Assert.Single(import.Workload.Requests).Name);
        Assert.Equal(["entries[0]: wss: URL"], import.Skipped);
    }

    [Fact]
    public void Parse_NotJson_ReportsLineAndColumn()
    {
        var error = Assert.Single(Errors("{\n  \"log\": {\n    \"entries\": [,]\n  }\n}", "broken.har"));

        Assert.Equal(new SourceLocation("broken.har", 3, 17), error.Location);
        Assert.StartsWith("not valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "x.har:1:1: not a HAR file: no \"log\" object at the top level")]
    [InlineData("{\"version\": 1}", "x.har:1:1: not a HAR file: no \"log\" object at the top level")]
    [InlineData("{\n\"log\": {\"version\": \"1.2\"}\n}", "x.har:2:8: log has no \"entries\" array")]
    [InlineData("{\n\"log\": {\n\"entries\": []\n}\n}", "x.har:3:12: log.entries is empty: the capture has no requests to import")]
    public void Parse_MissingLogOrEntries_SaysWhatAndWhere(string json, string expected)
    {
        Assert.Equal(expected, Assert.Single(Errors(json, "x.har")).ToString());
    }

    [Fact]
    public void Parse_EntriesMissingRequiredFields_ReportsEveryProblemWithIndexAndLine()
    {
        var har = """
            {
              "log": {
                "entries": [
                  { "request": { "method": "GET", "url": "https://a.example/1" } },
                  { "startedDateTime": "yesterday", "request": { "method": "GET", "url": "https://a.example/2" } },
                  { "startedDateTime": "2024-05-01T10:00:00Z" },
                  { "startedDateTime": "2024-05-01T10:00:00Z", "request": { "method": "GET" } },
                  { "startedDateTime": "2024-05-01T10:00:00Z", "request": { "url": "/relative" } },
                  { "startedDateTime": "2024-05-01T10:00:00Z", "request": { "method": "GET", "url": "https://a.example/ok" } },
                  42
                ]
              }
            }
            """;

        var errors = Errors(har, "bad.har").Select(e => e.ToString()).ToList();

        Assert.Equal(
            [
                "bad.har:4:7: entries[0] has no startedDateTime",
                "bad.har:5:28: entries[1].startedDateTime 'yesterday' is not an ISO 8601 date and time",
                "bad.har:6:7: entries[2] has no request",
                "bad.har:7:63: entries[3].request has no url",
                "bad.har:8:63: entries[4].request has no method",
                "bad.har:8:72: entries[4].request.url '/relative' is not an absolute URL",
                "bad.har:10:7: entries[6] is not an object",
            ],
            errors);
    }

    [Fact]
    public async Task ImportAsync_MissingFile_IsBadInputNotACrash()
    {
        var error = await Assert.ThrowsAsync<InputValidationException>(() => HarImporter.ImportAsync("/nonexistent/x.har"));

        Assert.StartsWith("/nonexistent/x.har: cannot read the HAR file: ", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AByteThatIsNotUtf8InAString_LocatedErrorNotInvalidOperationException()
    {
        // Found by fuzzing: System.Text.Json parsed the file and threw InvalidOperationException ("Cannot transcode
        // invalid UTF-8") only when the importer read the string, with no file or line.
        var bytes = Encoding.UTF8.GetBytes(Har(
            Entry("2024-01-01T00:00:00.000Z", "GET", "https://a.example/a"), Entry("2024-01-01T00:00:01.000Z", "GET", "https://a.example/~")));
        var at = Array.IndexOf(bytes, (byte)'~');
        bytes[at] = 0xC3; // a lead byte without its continuation

        var error = Assert.Single(Assert.Throws<InputValidationException>(() => HarImporter.Parse(bytes, "bad.har")).Errors);

        Assert.Equal(new SourceLocation("bad.har", 2, at - Array.IndexOf(bytes, (byte)'\n')), error.Location);
        Assert.StartsWith("not valid UTF-8: byte 0xC3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://a.example/", "r007-root")]
    [InlineData("https://a.example/static/js/Main.Bundle.JS?v=3", "r007-main-bundle-js")]
    [InlineData("https://a.example/api/v2/users/", "r007-users")]
    [InlineData("https://a.example/search/caf%C3%A9%20au%20lait", "r007-caf-au-lait")]
    public void RequestName_LastPathSegment_IsSanitized(string url, string expected)
    {
        Assert.Equal(expected, HarImporter.RequestName(7, new Uri(url)));
    }

    private static IReadOnlyList<ValidationError> Errors(string json, string file) =>
        Assert.Throws<InputValidationException>(() => HarImporter.Parse(json, file)).Errors;

    private static string Entry(string started, string method, string url) =>
        $$"""{ "startedDateTime": "{{started}}", "request": { "method": "{{method}}", "url": "{{url}}", "bodySize": 0 }, "response": { "status": 200, "bodySize": 100 }, "timings": { "wait": 5 } }""";

    private static string Har(params string[] entries) =>
        $$"""{ "log": { "version": "1.2", "creator": { "name": "test", "version": "1" }, "entries": [{{string.Join(",\n", entries)}}] } }""";

    internal static string FixturePath() =>
        Path.Combine(RepositoryPaths.Root(), "scenarios", "workloads", "fixtures", "chromium-fetches.har");
}
