using Latency.Reports.Publish;
using Latency.RunDirectory;
using Latency.Tests.Compare;
using Latency.Tests.Reports;

namespace Latency.Tests.Publish;

/// <summary>What a run directory publishes: per row a latency distribution per minute, its sessions and failures.</summary>
public class RunMetricsTests
{
    [Fact]
    public async Task Of_StudyRun_EveryRowsSessionsAsDistributionsWithTheirDimensions()
    {
        using var directory = new TempDirectory();
        await StudySamples.WriteRunAsync(directory.Path, StudySamples.Study());
        var run = await RunDirectoryReader.ReadAsync(directory.Path);

        var data = RunMetrics.Of(run);

        var rows = data.Where(d => d.MetricName == RunMetrics.SessionTime).GroupBy(d => d.MetricKey).ToList();
        Assert.Equal(4, rows.Count); // mumbai and jakarta, each on beijing and in region; requests and iterations are not rows
        foreach (var row in rows)
        {
            var dimensions = row.First().Dimensions.ToDictionary();
            Assert.Equal(["Suite", "Country", "Probe", "Deployment", "Workload"], row.First().Dimensions.Select(d => d.Key));
            Assert.Equal("default", dimensions["Suite"]);
            var tag = new HistogramTag($"{dimensions["Probe"]}.{dimensions["Workload"]}", dimensions["Deployment"], HistogramTag.Uncorrected);
            var total = run.Totals[tag];
            Assert.Equal(total.TotalCount, row.Sum(d => d.Distribution!.SampleCount));
            Assert.Equal(total.TotalCount, data.Single(d => d.MetricName == RunMetrics.Samples && d.MetricKey == $"{RunMetrics.Samples}|{row.Key[(RunMetrics.SessionTime.Length + 1)..]}").Value);
            Assert.All(row, d => Assert.Equal("Milliseconds", d.Unit));
            foreach (var p in new[] { 50.0, 95, 99 })
            {
                var ours = total.GetValueAtPercentile(p) / 1000.0;
                Assert.InRange(DistributionCompressor.Percentile(row.Select(d => d.Distribution!), p), ours * 0.99, ours * 1.01);
            }
        }

        Assert.Contains(data, d => d.Dimensions.Contains(new("Country", "India")) && d.Dimensions.Contains(new("Probe", "mumbai")));
    }

    [Fact]
    public async Task Of_StudyRun_EachRowsP50GainWithItsIntervalAsTheReportHasIt()
    {
        using var directory = new TempDirectory();
        await StudySamples.WriteRunAsync(directory.Path, StudySamples.Study());
        var run = await RunDirectoryReader.ReadAsync(directory.Path);
        var statistics = Latency.Reports.Study.RowStatistics.From(Latency.Reports.Study.StudySummary.From(run), run);

        var data = RunMetrics.Of(run);

        var gains = data.Where(d => d.MetricName == RunMetrics.GainP50).ToList();
        Assert.Equal(statistics.Count(s => s.GainP50 is { } g && double.IsFinite(g.Lower)), gains.Count);
        Assert.NotEmpty(gains);
        foreach (var row in statistics.Where(s => s.GainP50 is { } g && double.IsFinite(g.Lower)))
        {
            var probe = new KeyValuePair<string, string>("Probe", row.Row.Probe);
            var deployment = new KeyValuePair<string, string>("Deployment", row.Row.InRegion!.Deployment);
            double Of(string name) => data.Single(d => d.MetricName == name && d.Dimensions.Contains(probe) && d.Dimensions.Contains(deployment)
                && d.Dimensions.Contains(new("Workload", row.Row.Workload))).Value!.Value;
            Assert.Equal(row.GainP50!.Gain, Of(RunMetrics.GainP50));
            Assert.Equal(row.GainP50.Lower, Of(RunMetrics.GainP50Lower));
            Assert.Equal(row.GainP50.Upper, Of(RunMetrics.GainP50Upper));
        }

        Assert.All(gains, g => Assert.Equal("None", g.Unit));
    }

    [Fact]
    public async Task Of_IntervalsInTwoMinutes_ADistributionPerMinuteStampedWithIt()
    {
        using var directory = new TempDirectory();
        const string tag = "mumbai.app-cold-start/beijing/uncorrected";
        await RunManifestFile.WriteAsync(directory.Path, ManifestSamples.Partial() with
        {
            Suite = new SuiteInfo { Name = "default" },
            Status = RunStatus.Complete,
            Scenarios = [],
            HistogramLogs = [new HistogramLogEntry { File = "study.hlog", Tags = [tag] }],
            Study = StudySamples.Study(),
        });
        using (var writer = IntervalLogWriter.Create(Path.Combine(directory.Path, "study.hlog"), HistogramSamples.RunStart))
        {
            writer.Append(HistogramSamples.Interval(tag, 0, 100_000, 110_000));
            writer.Append(HistogramSamples.Interval(tag, 1, 120_000));
            writer.Append(HistogramSamples.Interval(tag, 70, 400_000, 410_000, 420_000));
        }

        var run = await RunDirectoryReader.ReadAsync(directory.Path);
        var sessions = RunMetrics.Of(run).Where(d => d.MetricName == RunMetrics.SessionTime).ToList();

        Assert.Equal(2, sessions.Count);
        Assert.Equal(60, (sessions[1].Timestamp - sessions[0].Timestamp).TotalSeconds);
        Assert.Equal(0, sessions[0].Timestamp.ToUnixTimeMilliseconds() % 60_000);
        Assert.Equal([3.0, 3.0], sessions.Select(d => d.Distribution!.SampleCount));
        Assert.InRange(sessions[1].Distribution!.Values[0], 400 * 0.99, 400 * 1.01);
    }

    [Fact]
    public async Task Of_PlainRun_ScenarioAndStepDimensionsAndLatency()
    {
        using var directory = new TempDirectory();
        await CompareSamples.WritePlainAsync(directory.Path, seed: 1);
        var run = await RunDirectoryReader.ReadAsync(directory.Path);

        var data = RunMetrics.Of(run);

        Assert.All(data.Where(d => d.Distribution is not null), d => Assert.Equal(RunMetrics.Latency, d.MetricName));
        Assert.Contains(data, d => d.Dimensions.Select(x => x.Key).SequenceEqual(["Suite", "Scenario", "Step"]));
        Assert.Contains(data, d => d.Dimensions.Select(x => x.Key).SequenceEqual(["Suite", "Scenario"])); // the iteration row
        Assert.DoesNotContain(data, d => d.Dimensions.Any(x => x.Key == "Probe"));
        Assert.All(data, d => Assert.InRange(d.Dimensions.Count, 1, MetricDatum.MaxDimensions));
    }
}
