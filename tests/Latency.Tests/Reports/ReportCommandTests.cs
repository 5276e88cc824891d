using Latency.Tests.History;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Reports;

/// <summary>
/// Issue 16: <c>latency report</c> on a run directory with a corrupt run.json or corrupt .hlog lines writes what it
/// could, names the files, and exits 2 so a nightly job notices; a last line cut short by a crash is no problem.
/// </summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly TempDirectory _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Report_CorruptRunJson_ReportsWhatTheLogsHoldNamesRunJsonAndExits2()
    {
        await StudySamples.WriteRunAsync(_run.Path, StudySamples.Study());
        await File.WriteAllTextAsync(_run.File("run.json"), "{ \"tool\": ");

        var (code, output, error) = await HistoryCommandTests.Cli("report", _run.Path);

        Assert.Equal(2, code);
        Assert.Contains($"{_run.File("run.json")}: error: not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("latency: 1 problem(s) in the run directory; the report lists them and shows what could be read.", error, StringComparison.Ordinal);
        Assert.Contains($"Report: {_run.File("report.html")}", output, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(_run.File("report.md"));
        Assert.Contains("| mumbai | - | App cold start | 150 | 250 | mumbai | 60.0 | 125 | 2.50x |", markdown);
        Assert.Contains("run.json", await File.ReadAllTextAsync(_run.File("summary.json")));
    }

    [Fact]
    public async Task Report_CorruptLineInTheMiddleOfALog_NamesFileAndLineAndExits2()
    {
        await StudySamples.WriteRunAsync(_run.Path, StudySamples.Study());
        var log = _run.File("study.hlog");
        var lines = (await File.ReadAllTextAsync(log)).Split('\n').ToList();
        var firstHistogram = lines.FindIndex(l => l.StartsWith("Tag=", StringComparison.Ordinal));
        lines.Insert(firstHistogram + 1, "Tag=mumbai.app-cold-start/beijing/uncorrected,1.0,1.0,1.0,not-base64!");
        await File.WriteAllTextAsync(log, string.Join('\n', lines));

        var (code, _, error) = await HistoryCommandTests.Cli("report", _run.Path);

        Assert.Equal(2, code);
        Assert.Contains($"{log}:{firstHistogram + 2}: error: cannot read line", error, StringComparison.Ordinal);
        Assert.True(File.Exists(_run.File("report.html")));
        Assert.True(File.Exists(_run.File("summary.json")));
    }

    [Fact]
    public async Task Report_LastLineCutShortByACrash_ReadableAndExits0()
    {
        await StudySamples.WriteRunAsync(_run.Path, StudySamples.Study());
        var log = _run.File("study.hlog");
        await File.AppendAllTextAsync(log, "Tag=mumbai.app-cold-start/beijing/uncorrected,1700000001.123,1.0");

        var (code, output, error) = await HistoryCommandTests.Cli("report", _run.Path);

        Assert.True(code == 0, error);
        Assert.DoesNotContain("error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("problem(s)", error, StringComparison.Ordinal);
        Assert.Contains("The in-region deployment was faster", output, StringComparison.Ordinal);
        Assert.Contains("| India | Mumbai | App cold start | 150 | 250 | mumbai | 60.0 | 125 | 2.50x |", await File.ReadAllTextAsync(_run.File("report.md")));
    }

    [Fact]
    public async Task Report_CorruptRunJsonAndNoLogs_SaysNothingToReportWritesNothingAndExits2()
    {
        await File.WriteAllTextAsync(_run.File("run.json"), "not json");

        var (code, output, error) = await HistoryCommandTests.Cli("report", _run.Path);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"latency: {_run.Path}: nothing to report: no interval logs (*.hlog), and {_run.File("run.json")}: not valid JSON",
            error, StringComparison.Ordinal);
        Assert.Equal([_run.File("run.json")], Directory.GetFileSystemEntries(_run.Path));
    }
}
