using System.Text.Json;
using Latency.Reports.Compare;

namespace Latency.Tests.Compare;

public class CompareWriterTests
{
    [Fact]
    public async Task WriteAsync_Regression_JsonHasEachQuantilesRatioIntervalAndVerdict()
    {
        using var output = new TempDirectory();
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WriteStudyAsync(d, seed: 2, scale: 1.25));
        var files = await CompareWriter.WriteAsync(comparison, output.Path);

        Assert.Equal(["compare.md", "compare.html", "compare.json", "compare.png", "compare.svg"], files.Select(Path.GetFileName));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, CompareJson.FileName)));
        Assert.True(json.RootElement.GetProperty("regression").GetBoolean());
        Assert.Equal(0.05, json.RootElement.GetProperty("tolerance").GetDouble());
        var row = Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray().ToList());
        Assert.Equal(CompareSamples.StudyTag, row.GetProperty("tag").GetString());
        foreach (var quantile in new[] { "p50", "p95", "p99" })
        {
            var q = row.GetProperty(quantile);
            Assert.Equal("regression", q.GetProperty("verdict").GetString());
            Assert.InRange(1.25, q.GetProperty("lower").GetDouble(), q.GetProperty("upper").GetDouble());
            Assert.InRange(q.GetProperty("ratio").GetDouble(), 1.15, 1.35);
        }

        var markdown = await File.ReadAllTextAsync(Path.Combine(output.Path, CompareWriter.MarkdownFileName));
        Assert.Contains("Regression: 1 of 1 rows slower beyond the 5% tolerance.", markdown, StringComparison.Ordinal);
        Assert.Contains("| mumbai / app-cold-start on beijing |", markdown, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(output.Path, CompareWriter.HtmlFileName));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NotComparable_JsonListsTheDifferencesAndNoRows()
    {
        using var output = new TempDirectory();
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WritePlainAsync(d, seed: 1, suite: "shop"), d => CompareSamples.WritePlainAsync(d, seed: 2, suite: "shop-v2"));
        await CompareWriter.WriteAsync(comparison, output.Path);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, CompareJson.FileName)));
        Assert.False(json.RootElement.GetProperty("comparable").GetBoolean());
        Assert.Equal(["suite differs: baseline 'shop', current 'shop-v2'"],
            json.RootElement.GetProperty("differences").EnumerateArray().Select(d => d.GetString()));
        Assert.Empty(json.RootElement.GetProperty("rows").EnumerateArray());
    }
}
