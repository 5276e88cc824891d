using Latency.RunDirectory;
using Xunit;
using static Latency.Tests.Reports.HistogramSamples;

namespace Latency.Tests.Reports;

public sealed class IntervalLogReaderTests
{
    [Fact]
    public async Task ReadAsync_WrittenLog_ReturnsSameCountsTagsAndTimes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("rt.hlog");
        var written = new[]
        {
            Interval("checkout/-/corrected", 0, 1, 999, 1_000, 1_001, 250_000, 3_599_000_000),
            Interval("checkout/-/uncorrected", 0, 5, 5, 5, 70_000),
            Interval("checkout/login/dns", 1),
            Interval("checkout/-/corrected", 1, 12_345, 12_345, 12_346),
        };
        using (var writer = IntervalLogWriter.Create(path, RunStart))
        {
            foreach (var histogram in written)
            {
                writer.Append(histogram);
            }
        }

        var log = await IntervalLogReader.ReadAsync(path);

        Assert.Empty(log.Problems);
        Assert.Equal(RunStart, log.StartTime);
        Assert.Equal(written.Length, log.Histograms.Count);
        for (var i = 0; i < written.Length; i++)
        {
            Assert.Equal(written[i].Tag, log.Histograms[i].Tag);
            Assert.Equal(written[i].StartTimeStamp, log.Histograms[i].StartTimeStamp);
            Assert.Equal(written[i].EndTimeStamp, log.Histograms[i].EndTimeStamp);
            Assert.Equal(written[i].TotalCount, log.Histograms[i].TotalCount);
            Assert.Equal(Counts(written[i]), Counts(log.Histograms[i].ToHistogram()));
        }
    }

    [Fact]
    public async Task ReadAsync_UnderGermanCulture_ReadsTimestampsAsDecimals()
    {
        using var dir = new TempDirectory();
        var path = dir.File("de.hlog");
        using (var writer = IntervalLogWriter.Create(path, RunStart))
        {
            writer.Append(Interval("s/-/corrected", 3, 10));
        }

        var log = WithCulture(GermanNumbers(), () => IntervalLogReader.ReadAsync(path).GetAwaiter().GetResult());

        Assert.Empty(log.Problems);
        Assert.Equal(RunStart, log.StartTime);
        Assert.Equal(RunStart.ToUnixTimeMilliseconds() + 3_123, Assert.Single(log.Histograms).StartTimeStamp);
    }

    [Fact]
    public async Task ReadAsync_TruncatedLastLine_IgnoresItWithAWarning()
    {
        using var dir = new TempDirectory();
        var path = dir.File("crash.hlog");
        using (var writer = IntervalLogWriter.Create(path, RunStart))
        {
            writer.Append(Interval("s/-/corrected", 0, 10, 20));
            writer.Append(Interval("s/-/corrected", 1, 30));
        }

        // A crash in the middle of writing the second interval.
        var text = await File.ReadAllTextAsync(path);
        var lastLineStart = text.LastIndexOf('\n', text.Length - 2) + 1;
        await File.WriteAllTextAsync(path, text[..(lastLineStart + (text.Length - lastLineStart) / 2)]);
        var lines = (await File.ReadAllTextAsync(path)).Split('\n').Length;

        var log = await IntervalLogReader.ReadAsync(path);

        var histogram = Assert.Single(log.Histograms);
        Assert.Equal(2, histogram.TotalCount);
        var problem = Assert.Single(log.Problems);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal(path, problem.File);
        Assert.Equal(lines, problem.Line);
        Assert.Contains("incomplete last line", problem.Message);
    }

    [Fact]
    public async Task ReadAsync_CorruptLineInTheMiddle_ReportsItAndReadsTheOthers()
    {
        using var dir = new TempDirectory();
        var path = dir.File("corrupt.hlog");
        using (var writer = IntervalLogWriter.Create(path, RunStart))
        {
            writer.Append(Interval("s/-/corrected", 0, 10));
            writer.Append(Interval("s/-/corrected", 1, 20));
            writer.Append(Interval("s/-/corrected", 2, 30));
        }

        var lines = (await File.ReadAllTextAsync(path)).Split('\n');
        lines[5] = lines[5][..(lines[5].Length - 12)] + "!!notbase64!"; // line 6: the second interval
        await File.WriteAllTextAsync(path, string.Join('\n', lines));

        var log = await IntervalLogReader.ReadAsync(path);

        Assert.Equal(new long[] { 10, 30 }, log.Histograms.Select(h => h.ToHistogram().GetValueAtPercentile(100)));
        var problem = Assert.Single(log.Problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(6, problem.Line);
        Assert.StartsWith($"{path}:6: error: cannot read line", problem.ToString());
    }

    [Theory]
    [InlineData("#[StartTime: 1700000000.250 (seconds since epoch), x]\n", "0.500")] // relative to StartTime
    [InlineData("#[StartTime: 1700000000.250 (seconds since epoch), x]\n#[BaseTime: 1700000100.000 (seconds since epoch)]\n", "0.500")]
    [InlineData("#[StartTime: 1700000000.250 (seconds since epoch), x]\n", "1700000003.125")] // absolute
    [InlineData("", "12.125")] // no StartTime: the first line starts the log
    public async Task ReadAsync_RelativeAbsoluteAndBaseTimes_SameTimesAsHdrHistogramsReader(string header, string firstStart)
    {
        using var dir = new TempDirectory();
        var path = dir.File("times.hlog");
        var payload = Payload(Interval("s/-/corrected", 0, 10, 20));
        var text = header + $"Tag=s/-/corrected,{firstStart},1.000,0.020,{payload}\nTag=s/-/corrected,{firstStart}9,2.500,0.020,{payload}\n";
        await File.WriteAllTextAsync(path, text);

        var log = await IntervalLogReader.ReadAsync(path);

        using var stream = File.OpenRead(path);
        using var reader = new HdrHistogram.HistogramLogReader(stream);
        var expected = reader.ReadHistograms().Select(h => ((string?)h.Tag, h.StartTimeStamp, h.EndTimeStamp)).ToList();
        Assert.Empty(log.Problems);
        Assert.Equal(expected, log.Histograms.Select(h => (h.Tag, h.StartTimeStamp, h.EndTimeStamp)));
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ReportsAnErrorNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("none.hlog");

        var log = await IntervalLogReader.ReadAsync(path);

        Assert.Empty(log.Histograms);
        var problem = Assert.Single(log.Problems);
        Assert.Equal(path, problem.File);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
    }
}
