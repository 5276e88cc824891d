using System.Globalization;
using System.Net;
using System.Text.Json;
using Latency.IntegrationTests.Support;
using Latency.World.Backend;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Cli;

/// <summary>
/// `latency compare` end to end (issue 13): real `latency run --url` runs against the product's handset backend with a
/// fixed server time (<c>/health?server_ms=N</c>, waited precisely), 40 ms twice (A/A) and 50 ms once (25% slower);
/// compare says no regression for A/A, a regression at p50 for A/B, and refuses runs of different suites.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CompareCommandTests(ITestOutputHelper output) : IDisposable
{
    private const int BaselineMs = 40;

    private const int SlowerMs = 50;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Compare_RealRuns_AaNoRegressionAbRegressionAtP50OtherSuiteNotComparable()
    {
        await using var backend = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        var a1 = await RunAsync("a1", UrlRun(backend, BaselineMs));
        var a2 = await RunAsync("a2", UrlRun(backend, BaselineMs));
        // Three more nights of the same server, shorter, so the history holds the 5 earlier runs a spread needs.
        string[] seeds = [await RunAsync("a3", UrlRun(backend, BaselineMs, "2s")), await RunAsync("a4", UrlRun(backend, BaselineMs, "2s")),
            await RunAsync("a5", UrlRun(backend, BaselineMs, "2s"))];
        var b = await RunAsync("b", UrlRun(backend, SlowerMs));

        var aa = await CompareAsync(a1, a2, "aa");
        Assert.Equal(0, aa.Outcome.ExitCode);
        Assert.False(aa.Json.RootElement.GetProperty("regression").GetBoolean());
        // The p50s agree within the tolerance's fifth: the same server time twice (the second run was seen 1% faster).
        Assert.All(aa.Json.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.InRange(r.GetProperty("p50").GetProperty("ratio").GetDouble(), 0.97, 1.03));

        var ab = await CompareAsync(a1, b, "ab");
        Assert.Equal(1, ab.Outcome.ExitCode);
        Assert.True(ab.Json.RootElement.GetProperty("regression").GetBoolean());
        foreach (var row in ab.Json.RootElement.GetProperty("rows").EnumerateArray())
        {
            var p50 = row.GetProperty("p50");
            Assert.Equal("regression", p50.GetProperty("verdict").GetString());
            var (ratio, lower, upper) = (p50.GetProperty("ratio").GetDouble(), p50.GetProperty("lower").GetDouble(), p50.GetProperty("upper").GetDouble());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.GetProperty("label")} p50: {ratio:0.0000} ({lower:0.0000}-{upper:0.0000}), {p50.GetProperty("baseline_ms")} -> {p50.GetProperty("current_ms")} ms"));
            // 50 ms / 40 ms with what the client and loopback HTTP add to both (0.6 to 2.6 ms seen, more on a busy
            // machine): 1.22 to 1.25 seen; the interval is so narrow (+-0.003) that it need not cover 1.25 itself.
            // Above 1.25 too: a stall of the machine during the B run only makes it slower still (1.33 seen once in CI,
            // its p50 54 ms); the verdict is what this test is about, these bounds only catch a nonsense ratio.
            Assert.InRange(ratio, 1.15, 1.45);
            Assert.True(lower <= ratio && ratio <= upper, $"p50 ratio {ratio} outside its interval {lower}-{upper}");
            // The server times differ by 10 ms; the client adds about the same to both (9.3 to 10.0 ms seen; 13.5 once in
            // CI, a stall during the B run).
            var difference = p50.GetProperty("current_ms").GetDouble() - p50.GetProperty("baseline_ms").GetDouble();
            Assert.InRange(difference, SlowerMs - BaselineMs - 2.0, SlowerMs - BaselineMs + 6.0);
        }

        Assert.True(File.Exists(Path.Combine(_temp.Path, "ab", "charts", "compare.svg")));

        // With the history of the five A runs: each interval widened by how much the A runs moved between them, and
        // the 25% slower server still a regression at p50 in every row.
        var history = Path.Combine(_temp.Path, "history.db");
        foreach (var run in new[] { a1, a2 }.Concat(seeds))
        {
            var added = await CliRun.InProcessAsync("history", "add", run, "--history", history);
            Assert.True(added.ExitCode == 0, added.Output + added.Error);
        }

        var widened = await CompareAsync(a1, b, "ab-history", "--history", history);
        Assert.Equal(1, widened.Outcome.ExitCode);
        Assert.Equal(5, widened.Json.RootElement.GetProperty("spread_runs").GetInt32());
        Assert.Contains("Intervals widened", widened.Outcome.Output, StringComparison.Ordinal);
        foreach (var row in widened.Json.RootElement.GetProperty("rows").EnumerateArray())
        {
            var p50 = row.GetProperty("p50");
            Assert.Equal("regression", p50.GetProperty("verdict").GetString());
            var (lower, upper) = (p50.GetProperty("lower").GetDouble(), p50.GetProperty("upper").GetDouble());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.GetProperty("label")} p50 with history: {p50.GetProperty("ratio").GetDouble():0.0000} ({lower:0.0000}-{upper:0.0000}), spread {p50.GetProperty("between_run_spread")}"));
            Assert.True(lower <= p50.GetProperty("within_run_lower").GetDouble() && upper >= p50.GetProperty("within_run_upper").GetDouble(),
                "the widened interval holds the bootstrap's");
            // Whether it also covers 1.25 depends on the ~1 ms the client and loopback add to both servers' times (the
            // ratio the client sees is (50 + o) / (40 + o), 1.237 to 1.245 here): compare-noise measures that coverage
            // over 20 pairs (bench/results), a single pair cannot.
        }

        // A suite run of another name against the same server: a ratio between different suites measures the suites.
        var suite = _temp.File("shop.yaml", $$"""
            version: 1
            name: shop
            targets:
              api: {{backend.BaseUrl.AbsoluteUri}}
            scenarios:
              - name: url
                target: api
                steps:
                  - name: request
                    path: /health?server_ms={{BaselineMs}}
                load:
                  - inject: { rate: 20, interval: 1s, during: 1s }
            """);
        var shop = await RunAsync("shop", ["run", suite, "--no-progress"]);
        var notComparable = await CliRun.InProcessAsync("compare", a1, shop, "--out", Path.Combine(_temp.Path, "not"));
        output.WriteLine(notComparable.Output + notComparable.Error);
        Assert.Equal(2, notComparable.ExitCode);
        Assert.Contains("suite differs: baseline 'url', current 'shop'", notComparable.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "not")));
    }

    /// <summary>
    /// 4 s at 50/s after a 1 s warm-up: without it the first run of the test host pays the JIT and the first
    /// connections, and its p95 and p99 came out 1.4x and 4x the second run's at the same server time.
    /// </summary>
    private static string[] UrlRun(HandsetBackend backend, int serverMs, string duration = "4s") =>
    [
        "run", "--url", new Uri(backend.BaseUrl, $"health?server_ms={serverMs.ToString(CultureInfo.InvariantCulture)}").AbsoluteUri,
        "--rate", "50", "--duration", duration, "--warm-up", "1s", "--no-progress",
    ];

    /// <summary>Runs `latency ARGS --out DIR` in process and returns DIR after checking the run succeeded.</summary>
    private async Task<string> RunAsync(string name, string[] args)
    {
        var directory = Path.Combine(_temp.Path, name);
        var outcome = await CliRun.InProcessAsync([.. args, "--out", directory]);
        Assert.True(outcome.ExitCode == 0, $"run {name} exited {outcome.ExitCode}: {outcome.Output}{outcome.Error}");
        return directory;
    }

    private async Task<(CliRun.Outcome Outcome, JsonDocument Json)> CompareAsync(string baseline, string current, string name, params string[] extra)
    {
        var outDirectory = Path.Combine(_temp.Path, name);
        var outcome = await CliRun.InProcessAsync(["compare", baseline, current, "--out", outDirectory, .. extra]);
        output.WriteLine($"compare {name}: exit {outcome.ExitCode}\n{outcome.Output}{outcome.Error}");
        return (outcome, JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "compare.json"))));
    }
}
