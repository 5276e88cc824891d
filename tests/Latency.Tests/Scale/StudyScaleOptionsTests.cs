using Latency.Micro.Scale;

namespace Latency.Tests.Scale;

public sealed class StudyScaleOptionsTests
{
    private const string Harness = "latency.dll";

    [Fact]
    public void Parse_Nothing_TheIssuesScalesTwoMinutesEachTheDefaultSuiteAndHarness()
    {
        var (options, errors) = StudyScaleOptions.Parse([], RepositoryPaths.Root(), Harness);

        Assert.Empty(errors);
        Assert.Equal([1.0, 5, 10, 20], options!.Scales);
        Assert.Equal(2, options.Minutes);
        Assert.Equal(2, options.SampleSeconds);
        Assert.Equal(RepositoryPaths.Suite("default"), options.Suite);
        Assert.Equal(Harness, options.Harness);
        Assert.Null(options.Output);
    }

    [Fact]
    public void Parse_EveryOption_TakesEach()
    {
        var suite = RepositoryPaths.Suite("default");
        var (options, errors) = StudyScaleOptions.Parse(
            ["--scales", "1,2.5", "--minutes", "0.5", "--sample-seconds", "5", "--suite", suite, "--harness", suite, "--out", "scale.md"], RepositoryPaths.Root(), Harness);

        Assert.Empty(errors);
        Assert.Equal([1.0, 2.5], options!.Scales);
        Assert.Equal(0.5, options.Minutes);
        Assert.Equal(5, options.SampleSeconds);
        Assert.Equal(suite, options.Harness);
        Assert.Equal("scale.md", options.Output);
    }

    [Fact]
    public void Parse_SeveralBadArguments_ReportsEveryOneAndNoOptions()
    {
        var (options, errors) = StudyScaleOptions.Parse(
            ["--scales", "1,0,x", "--minutes", "NaN", "--sample-seconds", "0", "--suite", "no-such.yaml", "--harness", "no-such.dll", "--bogus", "--out"],
            RepositoryPaths.Root(), Harness);

        Assert.Null(options);
        Assert.Collection(errors,
            e => Assert.Contains("--scales", e, StringComparison.Ordinal),
            e => Assert.Contains("--minutes", e, StringComparison.Ordinal),
            e => Assert.Contains("--sample-seconds", e, StringComparison.Ordinal),
            e => Assert.Contains("--suite", e, StringComparison.Ordinal),
            e => Assert.Contains("--harness", e, StringComparison.Ordinal),
            e => Assert.Contains("'--bogus'", e, StringComparison.Ordinal),
            e => Assert.Contains("--out", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1441")]
    [InlineData("Infinity")]
    [InlineData("0.001")]
    public void Parse_MinutesOutsideASecondToADay_IsAnError(string minutes)
    {
        var (options, errors) = StudyScaleOptions.Parse(["--minutes", minutes], RepositoryPaths.Root(), Harness);

        Assert.Null(options);
        Assert.Single(errors);
    }
}
