using System.Text.Json.Nodes;
using Latency.Bench.Cli;
using Latency.History;

namespace Latency.Tests.History;

public sealed class BenchmarkReportTests
{
    private const string PacerSuite = "bdn:Latency.Micro.Pacing.PacerBenchmarks";

    private static string Fixtures => Path.Combine(RepositoryPaths.Root(), "tests", "Latency.Tests", "History", "Fixtures");

    private static string PacerReport => Path.Combine(Fixtures, "Latency.Micro.Pacing.PacerBenchmarks-report-full-compressed.json");

    [Fact]
    public async Task AddBdn_ARealReport_StoresOneRowPerBenchmarkInPicoseconds()
    {
        using var temp = new TempDirectory();
        var history = temp.File("history.db");

        var (code, output, error) = await HistoryCommandTests.Cli("history", "add-bdn", PacerReport, "--label", "nightly", "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        Assert.Contains($"added run 1 ({PacerSuite}, {Environment.MachineName}, started 2026-12-02 10:13", output, StringComparison.Ordinal);
        using var store = HistoryStore.Open(history);
        var entry = Assert.Single(store.Read(new HistoryQuery()));
        Assert.Equal(PacerSuite, entry.Run.Suite);
        Assert.Equal("nightly", entry.Run.Label);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 13, 20, TimeSpan.Zero), entry.Run.StartedUtc);
        Assert.Equal(["LinearConstant", "LinearRamp", "Poisson"], entry.Rows.Select(r => r.Key));
        Assert.All(entry.Rows, r => Assert.Equal(HistoryUnit.Picoseconds, r.Unit));
        // Poisson: median 40.837 ns, p90 42.690, p95 42.921, max 43.153 (BenchmarkDotNet's statistics); p99 of the
        // three result iterations 40.517, 40.837, 43.153 ns/op is 43.106.
        var poisson = entry.Rows[2];
        Assert.Equal((40_837, 42_690, 42_921, 43_106, 43_153, 3, 0), (poisson.P50, poisson.P90, poisson.P95, poisson.P99, poisson.Max, poisson.Count, poisson.Errors));
        Assert.Equal(5_421, entry.Rows[0].P50); // LinearConstant: 5.421 ns, which whole ns would make 5
        Assert.Equal([0L, 0L, 33L], entry.Rows.Select(r => r.AllocatedBytes)); // [MemoryDiagnoser]: Poisson allocates 33 B per call
    }

    [Fact]
    public async Task AddBdn_TheSameReportTwice_SaysSoAndAddsNothing()
    {
        using var temp = new TempDirectory();
        var history = temp.File("history.db");
        await HistoryCommandTests.Cli("history", "add-bdn", PacerReport, "--history", history);

        var (code, output, _) = await HistoryCommandTests.Cli("history", "add-bdn", PacerReport, "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"run 1 is this run already ({PacerSuite}", output, StringComparison.Ordinal);
        using var store = HistoryStore.Open(history);
        Assert.Single(store.Read(new HistoryQuery()));
    }

    [Fact]
    public async Task AddBdn_AFolder_AddsEachReportOnceWithParametersInTheRowNameAndShowPrintsThemInNanoseconds()
    {
        using var temp = new TempDirectory();
        var history = temp.File("history.db");
        var results = Directory.CreateDirectory(temp.File("BenchmarkDotNet.Artifacts/results")).FullName;
        foreach (var file in Directory.EnumerateFiles(Fixtures, "*.json"))
        {
            File.Copy(file, Path.Combine(results, Path.GetFileName(file)));
        }

        // The same report exported brief as well: the full one is read, the brief one not added as a second run.
        File.WriteAllText(Path.Combine(results, "Latency.Micro.Pacing.PacerBenchmarks-report-brief.json"), Brief(File.ReadAllText(PacerReport)));

        var (code, output, _) = await HistoryCommandTests.Cli("history", "add-bdn", temp.File("BenchmarkDotNet.Artifacts"), "--history", history);
        var (_, shown, _) = await HistoryCommandTests.Cli("history", "show", "--row", "Poisson", "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("added run 2 (bdn:Latency.Micro.Recording.IntervalLogWriterBenchmarks", output, StringComparison.Ordinal);
        Assert.Contains($"added run 1 ({PacerSuite}", output, StringComparison.Ordinal);
        using var store = HistoryStore.Open(history);
        var entries = store.Read(new HistoryQuery());
        Assert.Equal(2, entries.Count);
        Assert.Equal(["Append(Buckets: 24)", "Append(Buckets: 500)"], entries.Single(e => e.Run.Suite.EndsWith("IntervalLogWriterBenchmarks", StringComparison.Ordinal)).Rows.Select(r => r.Key));
        Assert.Equal(3, entries.Single(e => e.Run.Suite == PacerSuite).Rows[2].Count);
        Assert.Contains("p50 ns", shown, StringComparison.Ordinal);
        Assert.Matches(@"\s40\.837\s+42\.921\s+43\.106\s+3\s+0", shown);
    }

    [Fact]
    public async Task ReadAsync_AByteThatIsNotUtf8_BenchmarkReportExceptionNotInvalidOperationException()
    {
        // Found by fuzzing: the JSON parsed, and reading the title threw InvalidOperationException ("Cannot
        // transcode invalid UTF-8"), which the command line does not expect from a bad report.
        using var temp = new TempDirectory();
        var bytes = File.ReadAllBytes(PacerReport);
        bytes[Array.IndexOf(bytes, (byte)'"', Array.IndexOf(bytes, (byte)':', Array.IndexOf(bytes, (byte)'T'))) + 1] = 0xC3;
        var file = temp.File("Bad-report-full.json");
        File.WriteAllBytes(file, bytes);

        var e = await Assert.ThrowsAsync<BenchmarkReportException>(() => BenchmarkReports.ReadAsync(file, null, CancellationToken.None));

        Assert.Equal($"{file}: not a BenchmarkDotNet JSON report (not UTF-8 text)", e.Message);
    }

    [Fact]
    public async Task ABriefReport_HasNoIterations_SoItsMaximumStandsInForP99()
    {
        using var temp = new TempDirectory();
        var brief = temp.File("Pacer-report-brief.json", Brief(File.ReadAllText(PacerReport)));

        var report = await Latency.History.BenchmarkReports.ReadAsync(brief, null, CancellationToken.None);

        Assert.Equal(43_153, report.Rows[2].P99); // Poisson's max, not the iterations' p99 (43.106 ns)
        Assert.Equal(6_654, report.Rows[1].P99); // LinearRamp's max
        Assert.Equal(3, report.Rows[2].Count); // Statistics.N
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // found by fuzzing: TryGetDouble on a string threw InvalidOperationException
    public async Task AReportWithoutTheMemoryDiagnoserOrWithTextForItsValue_HasNoAllocatedBytes(bool textValue)
    {
        using var temp = new TempDirectory();
        var report = JsonNode.Parse(File.ReadAllText(PacerReport))!;
        foreach (var benchmark in report["Benchmarks"]!.AsArray())
        {
            if (!textValue)
            {
                benchmark!["Metrics"] = new JsonArray();
                continue;
            }

            foreach (var metric in benchmark!["Metrics"]!.AsArray().Where(m => (string?)m!["Descriptor"]!["Id"] == "Allocated Memory"))
            {
                metric!["Value"] = "n/a";
            }
        }

        var read = await BenchmarkReports.ReadAsync(temp.File("Pacer-report-full.json", report.ToJsonString()), null, CancellationToken.None);

        Assert.All(read.Rows, r => Assert.Null(r.AllocatedBytes));
    }

    [Fact]
    public async Task TenNightsOfABenchmark_WithOneSlower_AreCheckedLikeAnyRow()
    {
        using var temp = new TempDirectory();
        var history = temp.File("history.db");
        var report = await BenchmarkReports.ReadAsync(PacerReport, null, CancellationToken.None);
        // Ten nights of the real report, each shifted by a small wobble; Poisson 20 % slower from night 6 on.
        double[] wobble = [1.00, 1.01, 0.99, 1.00, 1.02, 0.98, 1.00, 1.01, 0.99, 1.00];
        using (var store = HistoryStore.Open(history))
        {
            for (var night = 0; night < wobble.Length; night++)
            {
                var rows = report.Rows.Select(r => Scaled(r, wobble[night] * (r.Key == "Poisson" && night >= 5 ? 1.2 : 1))).ToList();
                store.Add(report.Run with { StartedUtc = report.Run.StartedUtc.AddDays(night) }, rows);
            }
        }

        var (code, output, _) = await HistoryCommandTests.Cli("history", "check", "--history", history);

        Assert.Equal(ExitCodes.ThresholdsFailed, code);
        Assert.Contains($"{PacerSuite}: Poisson: p50 slower from run 6 (2026-12-07 10:13", output, StringComparison.Ordinal);
        Assert.Contains("ns (+", output, StringComparison.Ordinal);
        Assert.DoesNotContain("LinearRamp", output, StringComparison.Ordinal);
        Assert.DoesNotContain("LinearConstant", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.json", null, "no such file or folder")]
    [InlineData("text.json", "not json at all", "not JSON")]
    [InlineData("other.json", """{"name": "a package.json"}""", "not a BenchmarkDotNet JSON report")]
    [InlineData("empty-report-full.json", """{"Title": "X-20261202-101320", "HostEnvironmentInfo": {}, "Benchmarks": []}""", "the report has no benchmarks")]
    [InlineData("failed-report-full.json", """{"Title": "X-20261202-101320", "Benchmarks": [{"Method": "A", "Statistics": null}]}""", "none of the report's 1 benchmarks has results")]
    public async Task AddBdn_BadInput_Exits2NamingTheFileWithoutAStackTraceAndAddsNothing(string name, string? content, string problem)
    {
        using var temp = new TempDirectory();
        var file = content is null ? temp.File(name) : temp.File(name, content);

        var (code, _, error) = await HistoryCommandTests.Cli("history", "add-bdn", file, "--history", temp.File("history.db"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains("nothing was added", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("history.db")));
    }

    [Fact]
    public async Task AddBdn_AFolderWithoutReports_IsBadInput()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = await HistoryCommandTests.Cli("history", "add-bdn", temp.Path, "--history", temp.File("history.db"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("no BenchmarkDotNet JSON report", error, StringComparison.Ordinal);
    }

    /// <summary>The report as the brief exporter writes it: statistics, no measurements.</summary>
    private static string Brief(string fullReport)
    {
        var report = JsonNode.Parse(fullReport)!;
        foreach (var benchmark in report["Benchmarks"]!.AsArray())
        {
            benchmark!.AsObject().Remove("Measurements");
        }

        return report.ToJsonString();
    }

    private static HistoryRow Scaled(HistoryRow row, double factor) => row with
    {
        P50 = (long)Math.Round(row.P50 * factor),
        P90 = (long)Math.Round(row.P90 * factor),
        P95 = (long)Math.Round(row.P95 * factor),
        P99 = (long)Math.Round(row.P99 * factor),
        Max = (long)Math.Round(row.Max * factor),
    };
}
