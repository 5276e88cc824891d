using HdrHistogram;
using Latency.RunDirectory;
using Xunit;
using static Latency.Tests.Reports.HistogramSamples;

namespace Latency.Tests.Reports;

public sealed class RunDirectoryReaderTests
{
    private const string Corrected = "App_start__cold_/-/corrected";
    private const string Ttfb = "App_start__cold_/config/ttfb";

    [Fact]
    public async Task ReadAsync_IntervalsAcrossFiles_TotalEqualsOneHistogramOfAllValues()
    {
        using var dir = new TempDirectory();
        var random = new Random(42);
        var all = new LongHistogram(1, 3_600_000_000, 3);
        await WriteManifestAsync(dir, "app_start.hlog", "second.hlog");
        foreach (var file in new[] { "app_start.hlog", "second.hlog" })
        {
            using var writer = IntervalLogWriter.Create(dir.File(file), RunStart);
            for (var second = 0; second < 5; second++)
            {
                var values = Enumerable.Range(0, 200).Select(_ => (long)Math.Exp(random.NextDouble() * 16)).ToArray();
                foreach (var v in values)
                {
                    all.RecordValue(v);
                }

                writer.Append(Interval(Corrected, second, values));
            }
        }

        var run = await RunDirectoryReader.ReadAsync(dir.Path);

        Assert.Empty(run.Problems);
        Assert.NotNull(run.Manifest);
        var tag = new HistogramTag("App_start__cold_", "-", "corrected");
        var total = run.Totals[tag];
        Assert.Equal(all.TotalCount, total.TotalCount);
        Assert.Equal(Counts(all), Counts(total));
        Assert.Equal(Corrected, total.Tag);
        Assert.Equal(RunStart.ToUnixTimeMilliseconds() + 123, total.StartTimeStamp);
        Assert.Equal(RunStart.ToUnixTimeMilliseconds() + 5_123, total.EndTimeStamp);
        Assert.Equal(10, run.Intervals[tag].Count);
        Assert.True(run.Intervals[tag].Zip(run.Intervals[tag].Skip(1)).All(p => p.First.StartTimeStamp <= p.Second.StartTimeStamp));
    }

    [Fact]
    public async Task ReadAsync_SeveralTags_KeepsThemApart()
    {
        using var dir = new TempDirectory();
        await WriteManifestAsync(dir, "app_start.hlog");
        using (var writer = IntervalLogWriter.Create(dir.File("app_start.hlog"), RunStart))
        {
            writer.Append(Interval(Corrected, 0, 100, 200));
            writer.Append(Interval(Ttfb, 0, 7));
        }

        var run = await RunDirectoryReader.ReadAsync(dir.Path);

        Assert.Equal(2, run.Totals[new HistogramTag("App_start__cold_", "-", "corrected")].TotalCount);
        Assert.Equal(1, run.Totals[new HistogramTag("App_start__cold_", "config", "ttfb")].TotalCount);
    }

    [Fact]
    public async Task ReadAsync_MissingManifest_ReportsItAndStillReadsLogs()
    {
        using var dir = new TempDirectory();
        using (var writer = IntervalLogWriter.Create(dir.File("orphan.hlog"), RunStart))
        {
            writer.Append(Interval(Corrected, 0, 100));
        }

        var run = await RunDirectoryReader.ReadAsync(dir.Path);

        Assert.Null(run.Manifest);
        Assert.True(run.HasErrors);
        var problem = Assert.Single(run.Problems);
        Assert.Equal(dir.File("run.json"), problem.File);
        Assert.Contains("file not found", problem.Message);
        Assert.Single(run.Totals);
    }

    [Fact]
    public async Task ReadAsync_CorruptManifest_ReportsWhatIsWrong()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("run.json"), "{ \"schemaVersion\": 1, ");

        var run = await RunDirectoryReader.ReadAsync(dir.Path);

        Assert.Null(run.Manifest);
        var problem = Assert.Single(run.Problems);
        Assert.Equal(dir.File("run.json"), problem.File);
        Assert.StartsWith("not valid JSON", problem.Message);
    }

    [Fact]
    public async Task ReadAsync_ListedLogMissingAndUnlistedLogPresent_ReportsBothAndLeavesTheUnlistedOut()
    {
        using var dir = new TempDirectory();
        await WriteManifestAsync(dir, "app_start.hlog");
        using (var writer = IntervalLogWriter.Create(dir.File("extra.hlog"), RunStart))
        {
            writer.Append(Interval(Corrected, 0, 100));
        }

        var run = await RunDirectoryReader.ReadAsync(dir.Path);

        Assert.Contains(run.Problems, p => p.File == dir.File("app_start.hlog") && p.Severity == ProblemSeverity.Error);
        var stray = Assert.Single(run.Problems, p => p.File == dir.File("extra.hlog"));
        Assert.Equal(ProblemSeverity.Warning, stray.Severity);
        Assert.Contains("not listed in run.json; ignored", stray.Message);
        Assert.Empty(run.Totals);
    }

    [Fact]
    public async Task ReadAsync_StrayLogOfAnEarlierRunNextToTheListedOne_OnlyTheListedIsMerged()
    {
        // Issue 16: a reused --out kept the earlier run's .hlog, and the reader merged it into this run's totals.
        using var dir = new TempDirectory();
        await WriteManifestAsync(dir, "app_start.hlog");
        using (var writer = IntervalLogWriter.Create(dir.File("app_start.hlog"), RunStart))
        {
            writer.Append(Interval(Corrected, 0, 100, 200));
        }

        using (var writer = IntervalLogWriter.Create(dir.File("old.hlog"), RunStart))
        {
            writer.Append(Interval(Corrected, 0, 900_000, 900_000, 900_000));
        }

        var run = await RunDirectoryReader.ReadAsync(dir.Path);

        Assert.False(run.HasErrors);
        Assert.Equal(2, Assert.Single(run.Totals).Value.TotalCount);
        Assert.Equal(dir.File("old.hlog"), Assert.Single(run.Problems).File);
    }

    [Fact]
    public async Task ReadAsync_PartialRunThatListedNoLogs_ReadsTheLogsItFinds()
    {
        // A run killed before it could list its logs (versions that listed them only at the end): they are all it has.
        using var dir = new TempDirectory();
        await WriteManifestAsync(dir);
        using (var writer = IntervalLogWriter.Create(dir.File("app_start.hlog"), RunStart))
        {
            writer.Append(Interval(Corrected, 0, 100));
        }

        var run = await RunDirectoryReader.ReadAsync(dir.Path);

        Assert.False(run.HasErrors);
        Assert.Contains("read anyway", Assert.Single(run.Problems).Message);
        Assert.Equal(1, Assert.Single(run.Totals).Value.TotalCount);
    }

    [Fact]
    public async Task ReadAsync_PartialRunWithTruncatedLog_KeepsCompleteIntervalsAndWarns()
    {
        using var dir = new TempDirectory();
        await WriteManifestAsync(dir, "app_start.hlog");
        using (var writer = IntervalLogWriter.Create(dir.File("app_start.hlog"), RunStart))
        {
            writer.Append(Interval(Corrected, 0, 100));
        }

        await File.AppendAllTextAsync(dir.File("app_start.hlog"), "Tag=App_start__cold_/-/corrected,1700000001.123,1.0");

        var run = await RunDirectoryReader.ReadAsync(dir.Path);

        Assert.False(run.HasErrors);
        Assert.Equal(ProblemSeverity.Warning, Assert.Single(run.Problems).Severity);
        Assert.Equal(1, Assert.Single(run.Totals).Value.TotalCount);
    }

    [Fact]
    public async Task ReadAsync_MissingDirectory_ReportsIt()
    {
        var run = await RunDirectoryReader.ReadAsync(Path.Combine(Path.GetTempPath(), "latency-no-such-" + Guid.NewGuid()));

        Assert.Contains("run directory not found", Assert.Single(run.Problems).Message);
    }

    private static Task WriteManifestAsync(TempDirectory dir, params string[] logs) =>
        RunManifestFile.WriteAsync(dir.Path, ManifestSamples.Partial() with
        {
            HistogramLogs = logs.Select(f => new HistogramLogEntry { File = f }).ToList(),
        });
}
