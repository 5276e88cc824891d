using Latency.IntegrationTests.Support;

namespace Latency.IntegrationTests.Cli;

public class ReportCommandTests
{
    [Fact]
    public async Task Report_RunDirectory_WritesAllDocumentsIntoOut()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await SyntheticStudyRun.WriteAsync(run.Path);

        var cli = await CliRun.InProcessAsync("report", run.Path, "--out", output.Path);

        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Equal("", cli.Error);
        Assert.Contains(Path.Combine(output.Path, "report.html"), cli.Output);
        // The report's answer, on the terminal too.
        Assert.Contains("The in-region deployment was faster in 2 of 2 comparison(s)", cli.Output);
        Assert.Contains("In region, app cold start is 68% faster (112 ms saved; very likely 51-79%) across 2 countries;", cli.Output);
        foreach (var file in new[] { "report.md", "report.html", "summary.json", "summary.csv", "charts/gain.png",
                     "hgrm/mumbai.app-cold-start.beijing.hgrm", "hgrm/jakarta.app-cold-start.jakarta.hgrm" })
        {
            Assert.True(File.Exists(Path.Combine(output.Path, file)), file + " missing");
        }

        Assert.False(File.Exists(Path.Combine(run.Path, "report.md")), "--out given: nothing goes into the run directory");
    }

    [Fact]
    public async Task Report_NoOut_WritesIntoTheRunDirectory()
    {
        using var run = new TempDirectory();
        await SyntheticStudyRun.WriteAsync(run.Path);

        var cli = await CliRun.InProcessAsync("report", run.Path);

        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.True(File.Exists(Path.Combine(run.Path, "report.html")));
        Assert.True(File.Exists(Path.Combine(run.Path, "summary.json")));
    }

    [Fact]
    public async Task Report_MissingRunDirectory_ExitsBadInput()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "no-such-run");

        var cli = await CliRun.InProcessAsync("report", missing);

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("no-such-run: run directory not found", cli.Error);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Report_CorruptRunJson_NamesTheFileStillReportsTheLogsAndExits2()
    {
        using var run = new TempDirectory();
        await SyntheticStudyRun.WriteAsync(run.Path);
        await File.WriteAllTextAsync(Path.Combine(run.Path, "run.json"), "{ \"tool\": ");

        var cli = await CliRun.InProcessAsync("report", run.Path);

        // 2, not 0: a nightly job that regenerates reports must notice a run it could not fully read (issue 16).
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("run.json", cli.Error);
        var markdown = await File.ReadAllTextAsync(Path.Combine(run.Path, "report.md"));
        Assert.Contains("run.json", markdown);
        // Without run.json the interval logs are still found and reported (probe names stand in for countries).
        Assert.Contains("| mumbai | - | App cold start | 150 | 250 | mumbai | 60.0 | 125 | 2.50x |", markdown);
    }

    /// <remarks>
    /// Issue 16: SIGTERM while the report is being written must never leave a half-written report.html or
    /// summary.json: each is written to a temporary name and renamed, so after the signal each is either absent or
    /// whole. Signalled at several moments of a default-sized report (it takes a few seconds), so some land mid-write.
    /// </remarks>
    [Fact]
    public async Task Report_SigtermWhileWriting_NoHalfWrittenReportOrSummary()
    {
        using var run = new TempDirectory();
        await DefaultSizedStudyRun.WriteAsync(run.Path);
        foreach (var afterMs in new[] { 300, 900, 1_600, 2_500 })
        {
            using var output = new TempDirectory();
            using var report = CliRun.Start("report", run.Path, "--out", output.Path);
            var drain = Task.WhenAll(report.StandardOutput.ReadToEndAsync(), report.StandardError.ReadToEndAsync());
            await Task.Delay(afterMs);
            if (!report.HasExited)
            {
                CliRun.Signal(report, "TERM");
            }

            await report.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await drain;

            var html = Path.Combine(output.Path, "report.html");
            if (File.Exists(html))
            {
                Assert.EndsWith("</html>", (await File.ReadAllTextAsync(html)).TrimEnd(), StringComparison.Ordinal);
            }

            var summary = Path.Combine(output.Path, "summary.json");
            if (File.Exists(summary))
            {
                using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(summary)); // throws when cut short
            }
        }
    }
}
