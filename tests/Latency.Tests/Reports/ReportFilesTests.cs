using Latency.Reports.Study;
using Latency.RunDirectory;
using Latency.Tests.History;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Reports;

/// <summary>
/// Issue 16: writing a report again leaves nothing of the last one behind (a chart of a probe the run no longer has
/// would pass for this run's), deletes nothing it did not write, and <c>report --out</c> refuses a folder that holds
/// more than a report.
/// </summary>
public sealed class ReportFilesTests : IDisposable
{
    private readonly TempDirectory _run = new();
    private readonly TempDirectory _out = new();

    public void Dispose()
    {
        _run.Dispose();
        _out.Dispose();
    }

    [Fact]
    public async Task WriteAgain_AfterAProbeLeftTheRun_ItsChartsGoAndOthersFilesStay()
    {
        await StudySamples.WriteRunAsync(_run.Path, StudySamples.Study());
        await StudyReportWriter.WriteAsync(_run.Path, _out.Path);
        var jakartaCharts = Directory.GetFiles(Path.Combine(_out.Path, "charts"), "*jakarta*");
        Assert.NotEmpty(jakartaCharts);
        // A comparison written into the same folder is not the report's to delete.
        var compareChart = Path.Combine(_out.Path, "charts", "compare.png");
        await File.WriteAllTextAsync(compareChart, "not the report's");
        // The same run without Jakarta: its comparison and its histograms gone.
        var study = StudySamples.Study();
        await StudySamples.WriteRunAsync(_run.Path, study with { Comparisons = [study.Comparisons[0]] });
        var log = _run.File("study.hlog");
        await File.WriteAllLinesAsync(log, (await File.ReadAllLinesAsync(log)).Where(l => !l.StartsWith("Tag=jakarta", StringComparison.Ordinal)));

        var files = await StudyReportWriter.WriteAsync(_run.Path, _out.Path);

        Assert.All(jakartaCharts, chart => Assert.False(File.Exists(chart), chart));
        Assert.True(File.Exists(compareChart));
        Assert.All(files, file => Assert.True(File.Exists(file), file));
        Assert.Contains(files, f => f.EndsWith("cdf-mumbai.png", StringComparison.Ordinal));
        var listed = await File.ReadAllLinesAsync(_out.File(ReportFiles.FileName));
        Assert.Equal(files.Select(f => Path.GetRelativePath(_out.Path, f)).Where(f => f != ReportFiles.FileName).Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task Replace_AListEditedToPointOutside_DeletesNothingOutside()
    {
        using var elsewhere = new TempDirectory();
        var victim = elsewhere.File("keep.txt", "mine");
        var relative = Path.GetRelativePath(_out.Path, victim);
        await File.WriteAllLinesAsync(_out.File(ReportFiles.FileName), [relative, victim, "charts/../../x"]);

        var removed = await ReportFiles.ReplaceAsync(_out.Path, []);

        Assert.Empty(removed);
        Assert.True(File.Exists(victim));
    }

    [Fact]
    public async Task ReportOut_AFolderWithOtherFiles_IsRefusedWithItsNamesAndExits2()
    {
        await StudySamples.WriteRunAsync(_run.Path, StudySamples.Study());
        _out.File("notes.txt", "mine");

        var (code, output, error) = await HistoryCommandTests.Cli("report", _run.Path, "--out", _out.Path);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"--out: {_out.Path} is not empty and holds more than a report (notes.txt)", error, StringComparison.Ordinal);
        Assert.Equal([_out.File("notes.txt")], Directory.GetFileSystemEntries(_out.Path));
    }

    [Fact]
    public async Task ReportOut_AFolderAnEarlierReportWasWrittenTo_IsReplacedAndExits0()
    {
        await StudySamples.WriteRunAsync(_run.Path, StudySamples.Study());
        var (first, _, firstError) = await HistoryCommandTests.Cli("report", _run.Path, "--out", _out.Path);
        Assert.True(first == 0, firstError);

        var (code, _, error) = await HistoryCommandTests.Cli("report", _run.Path, "--out", _out.Path);

        Assert.True(code == 0, error);
        Assert.True(File.Exists(_out.File(StudyReportWriter.HtmlFileName)));
    }

    [Fact]
    public void TargetProblem_TheRunDirectoryItself_IsFine()
    {
        _run.File(RunManifest.FileName, "{}");

        Assert.Null(ReportFiles.TargetProblem(_run.Path, _run.Path + Path.DirectorySeparatorChar));
    }
}
