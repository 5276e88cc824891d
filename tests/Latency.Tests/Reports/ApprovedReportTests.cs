using System.Globalization;
using Latency.Reports.Study;
using Latency.Tests.Support;

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
        var (markdown, _, _) = await GenerateAsync();
        Approval.Verify(markdown, "report.md");
    }

    [Fact]
    public async Task SummaryJson_SyntheticStudyRun_EqualsApproved()
    {
        var (_, json, _) = await GenerateAsync();
        Approval.Verify(json, "summary.json");
    }

    /// <summary>
    /// The first screen of report.html, from the headline to the end of the map: the headline, the grid with its fills,
    /// legend and caption, and the map's SVG (issue 11). Approved as HTML so a change of colour or markup shows.
    /// </summary>
    [Fact]
    public async Task ReportHtmlFirstScreen_SyntheticStudyRun_EqualsApproved()
    {
        var (_, _, html) = await GenerateAsync();
        var start = html.IndexOf("<p id=\"headline\"", StringComparison.Ordinal);
        var end = html.IndexOf("</figure>", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "no headline ... map in report.html");
        Approval.Verify(html[start..(end + "</figure>".Length)] + "\n", "first-screen.html");
    }

    private static async Task<(string Markdown, string Json, string Html)> GenerateAsync()
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
        var html = await File.ReadAllTextAsync(output.File(StudyReportWriter.HtmlFileName));
        return (markdown, json, html);
    }
}
