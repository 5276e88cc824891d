using System.Text.RegularExpressions;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Tests.Reports;

public class StudyReportWriterTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task WriteReportAsync_WithProgress_ReportsEachStageInOrder()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());
        var stages = new List<string>();

        await StudyReportWriter.WriteReportAsync(run.Path, output.Path, new ListProgress(stages), CancellationToken.None);

        Assert.Equal(4, stages.Count);
        Assert.Matches(@"^reading \d+ interval log\(s\) \([\d.]+ MB\)$", stages[0]);
        Assert.Equal("statistics of 2 comparison(s)", stages[1]);
        Assert.Equal("drawing charts", stages[2]);
        Assert.Equal($"writing {output.Path}", stages[3]);
    }

    private sealed class ListProgress(List<string> stages) : IProgress<string>
    {
        public void Report(string value) => stages.Add(value);
    }

    [Fact]
    public async Task WriteAsync_StudyRun_MarkdownFirstTableHasTheNumbers()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());

        var files = await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        var markdown = await File.ReadAllTextAsync(output.File("report.md"));
        Assert.Contains(output.File("report.md"), files);
        Assert.Contains("| Country | City | Workload | Beijing p50 (ms) | Beijing p95 (ms) | In region | In-region p50 (ms) | In-region p95 (ms) | Gain (p50) |", markdown);
        // 150/60 ms and 180/45 ms, at HdrHistogram's 3 significant digits.
        Assert.Contains("| India | Mumbai | App cold start | 150 | 250 | mumbai | 60.0 | 125 | 2.50x |", markdown);
        Assert.Contains("| Indonesia | Jakarta | App cold start | 180 | 300 | jakarta | 45.0 | 90.0 | 4.00x |", markdown);
        // The first screen: the headline, then the grid (largest gain first), before the engineers' table.
        Assert.StartsWith("**In region, app cold start is ", markdown.Split('\n')[2], StringComparison.Ordinal);
        Assert.Contains("| Indonesia | 4.0x (2.0-6.7x), low confidence |\n| India | 2.5x (1.2-4.2x), low confidence |", markdown);
        Assert.True(markdown.IndexOf("| Indonesia | 4.0x", StringComparison.Ordinal) < markdown.IndexOf("| India | Mumbai |", StringComparison.Ordinal));
        // Product leads read the workload's label; engineers' details keep the scenario's raw name.
        Assert.Contains("| mumbai.app-cold-start | beijing | origin | 100 |", markdown);
        // The answer comes before the charts, the charts before the run details.
        Assert.True(markdown.IndexOf("| India |", StringComparison.Ordinal) < markdown.IndexOf("## Charts", StringComparison.Ordinal));
        Assert.True(markdown.IndexOf("## Charts", StringComparison.Ordinal) < markdown.IndexOf("### Run", StringComparison.Ordinal));
        Assert.Contains("](charts/gain.png)", markdown);
        Assert.Contains("](charts/cdf-mumbai.png)", markdown);
        Assert.DoesNotContain("packet loss is not modelled", markdown);
        Assert.Contains("No calibration.json", markdown);
    }

    [Fact]
    public async Task WriteAsync_StudyRun_HtmlIsSelfContained()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());

        await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        var html = await File.ReadAllTextAsync(output.File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<img src=\"data:image/png;base64,", html);
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<td>India</td><td>Mumbai</td><td>App cold start</td><td class=\"num\">150</td>", html);
    }

    [Fact]
    public async Task WriteAsync_StudyRun_WritesValidPngAndSvgCharts()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());

        var files = await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        var pngs = files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "cdf-jakarta.png", "cdf-mumbai.png", "gain.png", "heatmap-app-cold-start-p50.png", "heatmap-app-cold-start-p95.png",
            "over-time-jakarta-app-cold-start.png", "over-time-mumbai-app-cold-start.png",
            "phases-jakarta-app-cold-start.png", "phases-mumbai-app-cold-start.png",
        ], pngs);
        foreach (var png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal(PngSignature, bytes[..8]);
            Assert.InRange(bytes.Length, 10_000, 2_000_000);
        }

        foreach (var svg in files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            Assert.Contains("<svg", await File.ReadAllTextAsync(svg));
        }
    }

    [Fact]
    public async Task WriteAsync_NoStudySection_StillReportsFromTags()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, study: null);

        await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        var markdown = await File.ReadAllTextAsync(output.File("report.md"));
        Assert.Contains("| mumbai | - | App cold start | 150 | 250 | mumbai | 60.0 | 125 | 2.50x |", markdown);
        Assert.Contains("no study section", markdown);
        Assert.True(File.Exists(output.File("charts/gain.png")));
    }

    [Fact]
    public async Task WriteAsync_RelayBackend_SaysLossIsNotModelledOnTheFirstScreen()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study(backend: NetworkBackend.Relay), backend: NetworkBackend.Relay);

        await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        var markdown = await File.ReadAllTextAsync(output.File("report.md"));
        var warning = markdown.IndexOf("> **Relay backend: packet loss is not modelled.**", StringComparison.Ordinal);
        Assert.InRange(warning, 0, markdown.IndexOf("| Country |", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_CalibrationPresent_EmbedsTable()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());
        await File.WriteAllTextAsync(run.File("calibration.json"), StudySamples.CalibrationJson);

        await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        var markdown = await File.ReadAllTextAsync(output.File("report.md"));
        Assert.Contains("| mumbai | beijing | 95.5 | 96.12 | 97.50 | 96.90 | 20.0 | 19.4 | 5.0 | 4.8 | 1 / 0.95 | 1 / 1.05 |  |", markdown);
        Assert.Contains("World asia, profile typical, backend tun, measured 2025-06-01T02:00:00Z", markdown);
    }

    [Fact]
    public async Task WriteAsync_CalibrationBesideARunWithoutWorld_IgnoredAndSaidSo()
    {
        // Issue 16: a calibration.json left by an emulated-world run showed in the report of a world: none run.
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study(NetworkBackend.Direct) with { World = "none (real endpoints)", Profile = null },
            NetworkBackend.Direct);
        await File.WriteAllTextAsync(run.File("calibration.json"), StudySamples.CalibrationJson);

        var result = await StudyReportWriter.WriteReportAsync(run.Path, output.Path, CancellationToken.None);

        var markdown = await File.ReadAllTextAsync(output.File("report.md"));
        Assert.DoesNotContain("World asia, profile typical, backend tun", markdown);
        Assert.Contains("No calibration.json", markdown);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(run.File("calibration.json"), problem.File);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Contains("world: none", problem.Message);
    }

    [Fact]
    public async Task WriteAsync_EveryFile_WrittenWithoutLeavingATemporaryOne()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());

        var files = await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        var onDisk = Directory.GetFiles(output.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files.Order(StringComparer.Ordinal).ToList(), onDisk);
        Assert.Contains(output.File("summary.json"), files);
        Assert.Contains(Path.Combine(output.Path, "charts", "gain.png"), files);
        Assert.Contains(Path.Combine(output.Path, "hgrm", "mumbai.app-cold-start.beijing.hgrm"), files);
    }

    [Fact]
    public async Task WriteAsync_CorruptCalibrationAndMissingManifest_ReportsWhatItCanAndListsProblems()
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());
        File.Delete(run.File("run.json"));
        await File.WriteAllTextAsync(run.File("calibration.json"), "{ \"paths\": [ { \"probe\": ");

        var files = await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);

        var markdown = await File.ReadAllTextAsync(output.File("report.md"));
        Assert.Contains("run.json could not be read", markdown);
        Assert.Contains("calibration.json", markdown);
        Assert.Contains("calibration not read", markdown);
        // Still the numbers, from the logs (probe names stand in for countries).
        Assert.Contains("| mumbai | - | App cold start | 150 | 250 | mumbai | 60.0 | 125 | 2.50x |", markdown);
        Assert.True(File.Exists(output.File("report.html")));
        Assert.Contains(files, f => f.EndsWith("gain.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_MissingRunDirectory_StillWritesAReportSayingSo()
    {
        using var output = new TempDirectory();
        var missing = Path.Combine(output.Path, "no-such-run");

        await StudyReportWriter.WriteAsync(missing, Path.Combine(output.Path, "out"), CancellationToken.None);

        var markdown = await File.ReadAllTextAsync(Path.Combine(output.Path, "out", "report.md"));
        Assert.Contains("run directory not found", markdown);
        Assert.Contains("No study sessions found", markdown);
    }
}
