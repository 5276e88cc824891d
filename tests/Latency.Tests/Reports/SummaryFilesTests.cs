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
        Assert.Equal("mumbai,India,Mumbai,app-cold-start,mumbai.app-cold-start,beijing,100,,150.015,250.111,400.127,mumbai,100,,60.031,125.055,300.031,2.499,2," +
                     "200,149.952,299.306,false,333.233,185.359,400,false,92.52,60.016,157.015,false,222.038,60.016,299.904,false," +
                     "2.1617,1.1994,4.1664,false,1.9253,0.8338,3.1994,false,1.3338,0.8388,3.1553,true", lines[1]);
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
}
