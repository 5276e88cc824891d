using System.Net;
using System.Text.Json;
using Latency.IntegrationTests.Support;
using Latency.World.Backend;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Cli;

/// <summary>
/// `latency nightly` end to end (issue 13): a tiny suite against the product's handset backend (40 ms server time, 20/s
/// for 2 s), two nights into one history. The first has no baseline and is not a failure; the second compares with the
/// first as the last good run and links the comparison from its summary page.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class NightlyCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Nightly_TwoNights_FirstHasNoBaselineSecondComparesWithTheFirst()
    {
        await using var backend = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        var suite = _temp.File("nightly.yaml", $$"""
            version: 1
            name: nightly
            targets:
              api: {{backend.BaseUrl.AbsoluteUri}}
            scenarios:
              - name: health
                target: api
                steps:
                  - name: request
                    path: /health?server_ms=40
                load:
                  - inject: { rate: 20, interval: 1s, during: 2s }
            """);
        var history = _temp.File("history.db");

        var first = await NightAsync(suite, history, "night-1");
        Assert.True(first.ExitCode == 0, $"night 1 exited {first.ExitCode}: {first.Output}{first.Error}");
        Assert.Contains("No baseline, nothing compared: no earlier run of 'nightly'", first.Output, StringComparison.Ordinal);
        var firstSummary = await ReadSummaryAsync("night-1");
        Assert.Equal(JsonValueKind.Null, firstSummary.RootElement.GetProperty("comparison").ValueKind);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "night-1", "compare.html")));

        var second = await NightAsync(suite, history, "night-2");
        Assert.True(second.ExitCode == 0, $"night 2 exited {second.ExitCode}: {second.Output}{second.Error}");
        var secondSummary = await ReadSummaryAsync("night-2");
        var baseline = secondSummary.RootElement.GetProperty("baseline");
        Assert.Equal(1, baseline.GetProperty("history_run_id").GetInt64());
        Assert.Equal(Path.GetFullPath(Path.Combine(_temp.Path, "night-1", "run")), baseline.GetProperty("directory").GetString());
        Assert.StartsWith("No regression against run 1 (", secondSummary.RootElement.GetProperty("headline").GetString(), StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(_temp.Path, "night-2", "nightly.html"));
        Assert.Contains("<a href=\"compare.html\">", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"run/run.json\">", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "night-2", "compare.html")));
        // The trend of both nights, written beside the summary and linked from it.
        Assert.True(File.Exists(Path.Combine(_temp.Path, "night-2", "trend.html")));
        Assert.Contains("<a href=\"trend.html\">", html, StringComparison.Ordinal);
    }

    private async Task<CliRun.Outcome> NightAsync(string suite, string history, string name)
    {
        var outcome = await CliRun.InProcessAsync("nightly", suite, "--history", history, "--out", Path.Combine(_temp.Path, name), "--no-progress");
        output.WriteLine($"{name}: exit {outcome.ExitCode}\n{outcome.Output}{outcome.Error}");
        return outcome;
    }

    private async Task<JsonDocument> ReadSummaryAsync(string name) =>
        JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_temp.Path, name, "nightly.json")));
}
