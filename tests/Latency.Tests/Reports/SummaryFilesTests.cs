using Latency.Reports.Study;

namespace Latency.Tests.Reports;

public class SummaryFilesTests
{
    [Fact]
    public async Task WriteAsync_StudyRun_SummaryCsvHasHeaderAndOneRowPerProbeAndWorkload()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());

        await HistogramSamples.WithCulture(HistogramSamples.GermanNumbers(), () => StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None));

        var lines = (await File.ReadAllTextAsync(output.File("summary.csv"))).Split('\n');
        Assert.Equal(string.Join(",", SummaryFiles.CsvColumns), lines[0]);
        // The first version's columns, then p50/p95 with their 95% intervals (Harrell-Davis: 100 sessions a side), then
        // the bootstrap's gains at p50, p95, p99 with their intervals (p99 needs 299 sessions a side: few samples).
        // Times are the sample quantiles the gains use (the histogram's bucket of 150 ms starts at 149.952 ms), and the
        // gain columns are their ratio, equal to the bootstrap's point estimate; then the verdict and failure rates
        // (unknown here: this run.json has no steps), and the in-region option's residency counts (none counted).
        Assert.Equal("mumbai,India,Mumbai,app-cold-start,mumbai.app-cold-start,beijing,100,,149.952,250.048,400,mumbai,100,,60.016,125.024,299.904,2.4985,2," +
                     "192.046,149.952,290.09,false,304.327,161.339,400,false,87.354,60.016,151.03,false,188.326,60.016,299.904,false," +
                     "2.4985,1.1994,4.1664,false,2,0.8338,3.1994,false,1.3338,0.8388,3.1553,true,faster,,,,,,", lines[1]);
        Assert.Equal(SummaryFiles.CsvColumns.Count, lines[1].Split(',').Length);
        Assert.StartsWith("jakarta,Indonesia,Jakarta,app-cold-start,", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task WriteAsync_StudyRun_HgrmPerSessionHistogramInMillisecondsInvariant()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());

        await HistogramSamples.WithCulture(HistogramSamples.GermanNumbers(), () => StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None));

        var files = Directory.GetFiles(Path.Combine(output.Path, "hgrm")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        // Sessions only: not the request (mumbai.config) nor the whole iteration ("-").
        Assert.Equal(
            ["jakarta.app-cold-start.beijing.hgrm", "jakarta.app-cold-start.jakarta.hgrm", "mumbai.app-cold-start.beijing.hgrm", "mumbai.app-cold-start.mumbai.hgrm"],
            files);
        var text = await File.ReadAllTextAsync(Path.Combine(output.Path, "hgrm", "mumbai.app-cold-start.mumbai.hgrm"));
        Assert.StartsWith("# mumbai.app-cold-start/mumbai/uncorrected: session time in milliseconds", text);
        Assert.Contains("Value     Percentile TotalCount 1/(1-Percentile)", text);
        // 60 ms recorded as 60,000 us, written in ms with '.' decimals.
        Assert.Matches(@"\n +60\.0\d+ +0\.5000+ +", text);
        Assert.Contains("#[Mean    = ", text);
        Assert.DoesNotContain("\r", text);
        Assert.DoesNotMatch(@"\d,\d", text);
    }

    [Fact]
    public async Task WriteAsync_RunJsonWithHarness_SummaryJsonHarnessObjectAfterRowsBeforeProblems()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study(), harness: StudySamples.Harness() with { CpuCoresP95 = 1.9 });

        await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        using var summary = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(output.File(SummaryFiles.JsonFileName)));
        var names = summary.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("rows") + 1, names.IndexOf("harness"));
        Assert.Equal(names.IndexOf("harness") + 1, names.IndexOf("problems"));
        var harness = summary.RootElement.GetProperty("harness");
        Assert.Equal(2, harness.GetProperty("processor_count").GetInt32());
        Assert.Equal(0.412, harness.GetProperty("cpu_cores_mean").GetDouble());
        Assert.Equal(1.9, harness.GetProperty("cpu_cores_p95").GetDouble());
        Assert.Equal(0.482, harness.GetProperty("machine_busy_mean").GetDouble());
        var emulator = harness.GetProperty("emulator");
        Assert.Equal(123_456, emulator.GetProperty("forwarded").GetInt64());
        Assert.Equal(85, emulator.GetProperty("lateness_p99_us").GetDouble());
        Assert.Equal("run", emulator.GetProperty("lateness_scope").GetString());
        Assert.True(harness.GetProperty("may_be_bottleneck").GetBoolean());
        Assert.Equal(["the client used 1.90 of 2 cores at p95 (above 85%)"],
            harness.GetProperty("concerns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HarnessLoad.Rule, harness.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task WriteAsync_RunJsonWithoutHarness_SummaryJsonHarnessNull()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());

        await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        using var summary = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(output.File(SummaryFiles.JsonFileName)));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, summary.RootElement.GetProperty("harness").ValueKind);
        Assert.Equal(2, summary.RootElement.GetProperty("schema_version").GetInt32());
    }
}
