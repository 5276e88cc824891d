using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;

namespace Latency.Tests.Workloads;

public sealed class IdleBeforeTests
{
    private const string File = "w.yaml";

    [Theory]
    [InlineData("idle_before: 5m", IdleBeforeKind.Fixed, 300, 300)]
    [InlineData("idle_before: 0s", IdleBeforeKind.Fixed, 0, 0)]
    [InlineData("idle_before: { min: 1m, max: 30m }", IdleBeforeKind.Uniform, 60, 1800)]
    [InlineData("idle_before: { min: 2s, max: 2s }", IdleBeforeKind.Uniform, 2, 2)]
    [InlineData("idle_before: { mean: 10m }", IdleBeforeKind.Exponential, 0, 0)]
    public void Parse_EachForm_ReadsItsDistribution(string line, IdleBeforeKind kind, int minSeconds, int maxSeconds)
    {
        var idle = WorkloadLoader.Parse(Workload(line), File).IdleBefore;

        Assert.Equal(kind, idle.Kind);
        Assert.Equal(TimeSpan.FromSeconds(minSeconds), idle.Min);
        Assert.Equal(TimeSpan.FromSeconds(maxSeconds), idle.Max);
        if (kind == IdleBeforeKind.Exponential) Assert.Equal(TimeSpan.FromMinutes(10), idle.Mean);
    }

    [Fact]
    public void Parse_Absent_IsNoQuietTime()
    {
        Assert.Equal(IdleBefore.None, WorkloadLoader.Parse(Workload("replay: false"), File).IdleBefore);
    }

    [Theory]
    [InlineData("idle_before: -5s", "w.yaml:4: 'idle_before': duration must not be negative (got '-5s')")]
    [InlineData("idle_before: 5", "w.yaml:4: 'idle_before': duration needs a unit, e.g. 30s")]
    [InlineData("idle_before: 200h", "w.yaml:4: 'idle_before' must be at most 168h, a week (got 720000s)")]
    [InlineData("idle_before: { min: 30m, max: 1m }", "w.yaml:4: 'idle_before': 'min' (1800s) must not exceed 'max' (60s)")]
    [InlineData("idle_before: { min: 1m }", "w.yaml:4: 'idle_before' as a range needs both 'min' and 'max' (or give 'mean', or one duration)")]
    [InlineData("idle_before: { mean: 1m, max: 2m }", "w.yaml:4: 'idle_before' is either { min, max } (uniform) or { mean } (exponential), not both")]
    [InlineData("idle_before: { average: 1m }", "w.yaml:4: unknown key 'average' (known: min, max, mean)")]
    [InlineData("idle_before: { mean: -1m }", "w.yaml:4: 'idle_before.mean': duration must not be negative (got '-1m')")]
    public void Parse_Invalid_SaysWhereAndWhat(string line, string expected)
    {
        var ex = Assert.Throws<InputValidationException>(() => WorkloadLoader.Parse(Workload(line), File));

        Assert.Equal([expected], ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_TwoBadParts_ReportsBoth()
    {
        var ex = Assert.Throws<InputValidationException>(() => WorkloadLoader.Parse(Workload("idle_before: { min: x, max: -1s }"), File));

        Assert.Equal(2, ex.Errors.Count);
    }

    [Theory]
    [InlineData("idle_before: 5m")]
    [InlineData("idle_before: 1.5ms")]
    [InlineData("idle_before: { min: 1m, max: 30m }")]
    [InlineData("idle_before: { mean: 10m }")]
    public void ParseOfWrite_EachForm_EqualsTheOriginal(string line)
    {
        var workload = WorkloadLoader.Parse(Workload(line), File);

        var text = WorkloadWriter.Write(workload);

        Assert.Contains("idle_before: ", text, StringComparison.Ordinal);
        Assert.Equal(workload, WorkloadLoader.Parse(text, File));
        Assert.NotEqual(workload with { IdleBefore = IdleBefore.None }, workload);
    }

    [Fact]
    public void Write_NoQuietTime_LeavesTheFieldOut()
    {
        Assert.DoesNotContain("idle_before", WorkloadWriter.Write(WorkloadLoader.Parse(Workload("replay: false"), File)), StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_Fixed_IsTheDurationAndDrawsNothing()
    {
        var random = new Random(7);

        Assert.Equal(TimeSpan.FromMinutes(5), IdleBefore.Fixed(TimeSpan.FromMinutes(5)).Sample(random));
        Assert.Equal(new Random(7).Next(), random.Next());
    }

    [Fact]
    public void Sample_Uniform_StaysInRangeWithTheMidpointAsMean()
    {
        var idle = IdleBefore.Uniform(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
        var random = new Random(1);

        var draws = Enumerable.Range(0, 20_000).Select(_ => idle.Sample(random)).ToList();

        Assert.All(draws, d => Assert.InRange(d, idle.Min, idle.Max));
        Assert.InRange(draws.Average(d => d.TotalMinutes), 15.5 - 0.2, 15.5 + 0.2);
    }

    [Fact]
    public void Sample_Exponential_HasItsMeanAndMedianMeanTimesLn2()
    {
        var idle = IdleBefore.Exponential(TimeSpan.FromMinutes(10));
        var random = new Random(1);

        var draws = Enumerable.Range(0, 20_000).Select(_ => idle.Sample(random).TotalMinutes).Order().ToList();

        Assert.All(draws, d => Assert.True(d >= 0));
        // Standard error of the mean of 20,000 draws: 10 / sqrt(20,000) = 0.07 minutes.
        Assert.InRange(draws.Average(), 10 - 0.3, 10 + 0.3);
        Assert.InRange(draws[draws.Count / 2], 10 * Math.Log(2) - 0.3, 10 * Math.Log(2) + 0.3);
    }

    [Fact]
    public void Sample_SameSeed_SameDraws()
    {
        var idle = IdleBefore.Exponential(TimeSpan.FromSeconds(30));
        var a = new Random(42);
        var b = new Random(42);

        Assert.Equal(Enumerable.Range(0, 10).Select(_ => idle.Sample(a)), Enumerable.Range(0, 10).Select(_ => idle.Sample(b)));
    }

    // A valid workload whose line 4 is `line`.
    private static string Workload(string line) => $$"""
        version: 1
        name: w
        description: "d"
        {{line}}
        steps:
          - request: { name: r }
        """;
}
