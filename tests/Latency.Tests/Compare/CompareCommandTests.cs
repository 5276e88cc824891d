using Latency.Bench.Cli;

namespace Latency.Tests.Compare;

public class CompareCommandTests
{
    [Fact]
    public async Task Compare_AA_ExitsZeroAndWritesTheFiles()
    {
        var (exit, output, _, files) = await RunAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WriteStudyAsync(d, seed: 2));

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("No regression in 1 rows at the 5% tolerance.", output, StringComparison.Ordinal);
        Assert.Equal(["compare.html", "compare.json", "compare.md"], files);
    }

    [Fact]
    public async Task Compare_Current25PercentSlower_ExitsOneAndNamesTheRow()
    {
        var (exit, output, _, _) = await RunAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WriteStudyAsync(d, seed: 2, scale: 1.25));

        Assert.Equal(ExitCodes.ThresholdsFailed, exit);
        Assert.Contains("Regression: 1 of 1 rows", output, StringComparison.Ordinal);
        Assert.Matches(@"mumbai / app-cold-start on beijing: p50 1\.2\d \(1\.\d\d-1\.\d\d\) regression", output);
    }

    [Fact]
    public async Task Compare_Current25PercentSlowerWithin30PercentTolerance_ExitsZero()
    {
        var (exit, _, _, _) = await RunAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WriteStudyAsync(d, seed: 2, scale: 1.25),
            "--tolerance", "30%");

        Assert.Equal(ExitCodes.Ok, exit);
    }

    [Fact]
    public async Task Compare_MismatchedRuns_ExitsTwoWithTheReasonAndWritesNothing()
    {
        var (exit, output, error, files) = await RunAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WritePlainAsync(d, seed: 2));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("", output);
        Assert.Contains("latency: suite differs: baseline 'default', current 'shop'", error, StringComparison.Ordinal);
        Assert.Contains("latency: kind of run differs: baseline 'study', current 'plain run'", error, StringComparison.Ordinal);
        Assert.Contains("latency: 2 problem(s); the runs are not comparable; nothing was written.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Empty(files);
    }

    [Fact]
    public async Task Compare_MissingBaseline_ExitsTwoNamingIt()
    {
        using var current = new TempDirectory();
        await CompareSamples.WritePlainAsync(current.Path, seed: 2);
        var missing = Path.Combine(current.Path, "no-such-run");
        using var error = new StringWriter();

        var exit = await LatencyCli.InvokeAsync(["compare", missing, current.Path], new StringWriter(), error);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"{missing}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("run directory not found", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5%", 0.05)]
    [InlineData("2.5", 0.025)]
    [InlineData("0%", 0.0)]
    public void ParseTolerance_Percent(string text, double expected) => Assert.Equal(expected, CompareCommand.ParseTolerance(text));

    [Theory]
    [InlineData("five")]
    [InlineData("-1%")]
    [InlineData("100%")]
    [InlineData("NaN")]
    public void ParseTolerance_NotAPercentage_Null(string text) => Assert.Null(CompareCommand.ParseTolerance(text));

    [Fact]
    public async Task Compare_BadTolerance_ExitsTwo()
    {
        using var error = new StringWriter();

        var exit = await LatencyCli.InvokeAsync(["compare", "a", "b", "--tolerance", "lots"], new StringWriter(), error);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("latency: --tolerance: 'lots' is not a percentage", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Writes both runs, runs <c>latency compare</c> with --out, and returns the exit code, both streams and the files written.</summary>
    private static async Task<(int Exit, string Output, string Error, IReadOnlyList<string> Files)> RunAsync(
        Func<string, Task> writeBaseline, Func<string, Task> writeCurrent, params string[] options)
    {
        using var baseline = new TempDirectory();
        using var current = new TempDirectory();
        using var outDirectory = new TempDirectory();
        await writeBaseline(baseline.Path);
        await writeCurrent(current.Path);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await LatencyCli.InvokeAsync(["compare", baseline.Path, current.Path, "--out", outDirectory.Path, .. options], output, error);
        var files = Directory.EnumerateFiles(outDirectory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        return (exit, output.ToString(), error.ToString(), files!);
    }
}
