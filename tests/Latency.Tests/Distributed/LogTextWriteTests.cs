using HdrHistogram;
using Latency.Bench.Distributed;
using Latency.RunDirectory;

namespace Latency.Tests.Distributed;

/// <summary>Interval logs rebuilt from their streamed texts: the same bytes, or the gap and the bad names said.</summary>
public class LogTextWriteTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public async Task Mirror_TextsConcatenated_AreTheFileByteForByte_AndRebuildIt()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "mumbai.app-cold-start.hlog");
        var texts = new List<string>();
        using (var writer = IntervalLogWriter.Create(path, Start, ["Suite: test"], texts.Add))
        {
            for (var i = 0; i < 3; i++)
            {
                writer.Append(Interval(i, 1_000 + i * 500));
            }
        }

        Assert.Equal(4, texts.Count);
        Assert.Equal(await File.ReadAllTextAsync(path), string.Concat(texts));

        var rebuilt = Path.Combine(directory.Path, "rebuilt");
        var problems = new List<string>();
        var written = await LogTextReader.WriteLogsAsync(
            [.. texts.Select((t, i) => new LogText("in-1", "mumbai.app-cold-start.hlog", i, t)).Reverse()], rebuilt, problems, CancellationToken.None);

        Assert.Empty(problems);
        Assert.Equal(await File.ReadAllBytesAsync(path), await File.ReadAllBytesAsync(Assert.Single(written)));
        var log = await IntervalLogReader.ReadAsync(written[0]);
        Assert.Equal(3 * 100, log.Histograms.Sum(h => h.TotalCount));
    }

    [Fact]
    public async Task WriteLogs_AGapInTheSequence_WrittenUpToItAndSaid()
    {
        using var directory = new TempDirectory();
        var problems = new List<string>();
        LogText[] texts = [new("a", "x.hlog", 0, "h\n"), new("a", "x.hlog", 1, "l1\n"), new("a", "x.hlog", 3, "l3\n")];

        var written = await LogTextReader.WriteLogsAsync(texts, directory.Path, problems, CancellationToken.None);

        Assert.Equal("h\nl1\n", await File.ReadAllTextAsync(Assert.Single(written)));
        Assert.Equal(["x.hlog: text 2 never reached the stream; written up to it"], problems);
    }

    [Theory]
    [InlineData("../escape.hlog")]
    [InlineData("sub/dir.hlog")]
    [InlineData("notalog.txt")]
    [InlineData("/etc/passwd.hlog")]
    public async Task WriteLogs_NameThatIsNotAPlainLogFile_NotWritten(string name)
    {
        using var directory = new TempDirectory();
        var problems = new List<string>();

        var written = await LogTextReader.WriteLogsAsync([new LogText("a", name, 0, "h\n")], Path.Combine(directory.Path, "run"), problems, CancellationToken.None);

        Assert.Empty(written);
        Assert.StartsWith($"'{name}': not a log file name", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WriteLogs_OneLogFromTwoAgents_AFileEach_NamedAfterTheAgent()
    {
        using var directory = new TempDirectory();
        var problems = new List<string>();

        var written = await LogTextReader.WriteLogsAsync([new LogText("a", "x.hlog", 0, "ha\n"), new LogText("b", "x.hlog", 0, "hb\n")],
            directory.Path, problems, CancellationToken.None);

        Assert.Empty(problems);
        Assert.Equal(["x.a.hlog", "x.b.hlog"], written.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("ha\n", await File.ReadAllTextAsync(Path.Combine(directory.Path, "x.a.hlog")));
        Assert.Equal("hb\n", await File.ReadAllTextAsync(Path.Combine(directory.Path, "x.b.hlog")));
    }

    private static LongHistogram Interval(int second, long micros)
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 3)
        {
            Tag = HistogramTag.ForStep("mumbai.app-cold-start", "beijing", HistogramTag.Corrected).Format(),
            StartTimeStamp = (Start.ToUnixTimeSeconds() + second) * 1000,
            EndTimeStamp = (Start.ToUnixTimeSeconds() + second + 1) * 1000,
        };
        histogram.RecordValueWithCount(micros, 100);
        return histogram;
    }
}
