using System.Globalization;
using Latency.Reports.Study;

namespace Latency.Tests.Reports;

/// <summary>Changes the process's time zone (TZ): runs alone so no other test sees it.</summary>
[CollectionDefinition(nameof(TimeZoneSensitive), DisableParallelization = true)]
public sealed class TimeZoneSensitive;

/// <summary>
/// report.md and summary.json of a fixed synthetic run (fixed timestamps and histograms) against the approved files
/// in Approved/, generated under ',' decimals and a time zone far from UTC: the documents depend on neither.
/// </summary>
[Collection(nameof(TimeZoneSensitive))]
public class ApprovedReportTests
{
    /// <summary>Stands in for the temporary run directory, the only text that differs between test runs.</summary>
    private const string RunDirPlaceholder = "RUN_DIR";

    [Fact]
    public async Task ReportMarkdown_SyntheticStudyRun_EqualsApproved()
    {
        var (markdown, _) = await GenerateAsync();
        Approval.Verify(markdown, "report.md");
    }

    [Fact]
    public async Task SummaryJson_SyntheticStudyRun_EqualsApproved()
    {
        var (_, json) = await GenerateAsync();
        Approval.Verify(json, "summary.json");
    }

    private static async Task<(string Markdown, string Json)> GenerateAsync()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study(), harness: StudySamples.Harness());
        await File.WriteAllTextAsync(run.File("calibration.json"), StudySamples.CalibrationJson);

        var previousCulture = CultureInfo.CurrentCulture;
        var previousUiCulture = CultureInfo.CurrentUICulture;
        var previousTz = Environment.GetEnvironmentVariable("TZ");
        try
        {
            CultureInfo.CurrentCulture = HistogramSamples.GermanNumbers();
            CultureInfo.CurrentUICulture = HistogramSamples.GermanNumbers();
            // UTC+5:45: a local-time slip would show in every timestamp, and a half-hour offset in the minutes too.
            Environment.SetEnvironmentVariable("TZ", "Asia/Kathmandu");
            TimeZoneInfo.ClearCachedData();
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture));
            if (File.Exists("/usr/share/zoneinfo/Asia/Kathmandu"))
            {
                Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.BaseUtcOffset);
            }

            await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);
        }
        finally
        {
            CultureInfo.CurrentCulture = previousCulture;
            CultureInfo.CurrentUICulture = previousUiCulture;
            Environment.SetEnvironmentVariable("TZ", previousTz);
            TimeZoneInfo.ClearCachedData();
        }

        var markdown = (await File.ReadAllTextAsync(output.File(StudyReportWriter.MarkdownFileName))).Replace(run.Path, RunDirPlaceholder, StringComparison.Ordinal);
        var json = (await File.ReadAllTextAsync(output.File(SummaryFiles.JsonFileName))).Replace(run.Path, RunDirPlaceholder, StringComparison.Ordinal);
        return (markdown, json);
    }
}
