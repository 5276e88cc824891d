using Latency.Reports.Compare;
using Latency.Tests.Reports;

namespace Latency.Tests.Compare;

public class RunComparerTests
{
    [Fact]
    public async Task CompareAsync_SameServerTwice_NoChangeAtEveryQuantile()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WriteStudyAsync(d, seed: 2));

        Assert.True(comparison.IsComparable);
        var row = Assert.Single(comparison.Rows);
        Assert.Equal(CompareSamples.StudyTag, row.Row.Tag.Format());
        Assert.Equal(("mumbai", "app-cold-start", "beijing"), (row.Row.Probe, row.Row.Workload, row.Row.Deployment));
        Assert.Equal([0.5, 0.95, 0.99], row.Quantiles.Select(q => q.Probability));
        Assert.All(row.Quantiles, q => Assert.Equal(CompareVerdict.NoChange, q.Verdict));
        Assert.All(row.Quantiles, q => Assert.InRange(1.0, q.Lower, q.Upper));
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public async Task CompareAsync_Current25PercentSlower_RegressionWithIntervalCovering125()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WriteStudyAsync(d, seed: 2, scale: 1.25));

        var row = Assert.Single(comparison.Rows);
        Assert.All(row.Quantiles, q => Assert.Equal(CompareVerdict.Regression, q.Verdict));
        Assert.All(row.Quantiles, q => Assert.InRange(1.25, q.Lower, q.Upper));
        // The direction: current over baseline, so the slower current run's quantile is the numerator.
        var p50 = row.Quantiles[0];
        Assert.True(p50.CurrentUs > p50.BaselineUs);
        Assert.Equal(p50.CurrentUs / p50.BaselineUs, p50.Ratio, 9);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public async Task CompareAsync_ANoisyNightWithAHistoryThatShowsSuchNoise_IsNoChangeWithoutItARegression()
    {
        // The current run is 10% slower, as busy nights on a shared machine are: the bootstrap alone sees a regression.
        using var baseline = new TempDirectory();
        using var current = new TempDirectory();
        await CompareSamples.WriteStudyAsync(baseline.Path, seed: 1);
        await CompareSamples.WriteStudyAsync(current.Path, seed: 2, scale: 1.10);
        var alone = await RunComparer.CompareAsync(baseline.Path, current.Path, CompareVerdict.DefaultTolerance);
        Assert.Equal(CompareVerdict.Regression, alone.Rows.Single().Quantiles[0].Verdict);
        Assert.Equal(0, alone.SpreadRuns);

        // A history in which this row's runs differ by 5% (SD of the log ratio) from night to night.
        var spreads = new Dictionary<string, RowSpread>
        {
            ["mumbai/beijing/app-cold-start"] = new() { Runs = 12, ByProbability = new Dictionary<double, double> { [0.5] = 0.05, [0.95] = 0.05, [0.99] = 0.05 } },
        };
        var widened = await RunComparer.CompareAsync(baseline.Path, current.Path, CompareVerdict.DefaultTolerance, spreads);
        var p50 = widened.Rows.Single().Quantiles[0];
        Assert.Equal(CompareVerdict.NoChange, p50.Verdict);
        Assert.Equal(12, widened.SpreadRuns);
        Assert.Equal(0.05, p50.BetweenRunSpread);
        // Widened to ratio x exp(+-1.96 x 0.05); the bootstrap's own interval is kept beside it.
        Assert.Equal(p50.Ratio * Math.Exp(-1.959964 * 0.05), p50.Lower, 4);
        Assert.True(p50.WithinRunLower > p50.Lower && p50.WithinRunUpper < p50.Upper);
    }

    [Fact]
    public async Task CompareAsync_Current25PercentSlowerWithAHistory_StillARegressionAndTheIntervalCovers125()
    {
        using var baseline = new TempDirectory();
        using var current = new TempDirectory();
        await CompareSamples.WriteStudyAsync(baseline.Path, seed: 1);
        await CompareSamples.WriteStudyAsync(current.Path, seed: 2, scale: 1.25);
        var spreads = new Dictionary<string, RowSpread>
        {
            ["mumbai/beijing/app-cold-start"] = new() { Runs = 12, ByProbability = new Dictionary<double, double> { [0.5] = 0.03, [0.95] = 0.05 } },
        };
        var comparison = await RunComparer.CompareAsync(baseline.Path, current.Path, CompareVerdict.DefaultTolerance, spreads);

        var row = comparison.Rows.Single();
        Assert.All(row.Quantiles, q => Assert.Equal(CompareVerdict.Regression, q.Verdict));
        Assert.All(row.Quantiles, q => Assert.InRange(1.25, q.Lower, q.Upper));
        // p99 had no spread in the history: its interval is the bootstrap's.
        Assert.Null(row.Quantiles[2].BetweenRunSpread);
        Assert.Equal(row.Quantiles[2].WithinRunLower, row.Quantiles[2].Lower);
        Assert.Equal(3, comparison.Tests);
        Assert.All(row.Quantiles, q => Assert.True(q.AdjustedPValue >= q.PValue));
    }

    [Fact]
    public async Task CompareAsync_BaselineWrittenAsSchemaOneCamelCase_ComparesWithTheCurrentSchema()
    {
        // Last night's run.json from before the snake_case rename (schemaVersion 1) against tonight's.
        var comparison = await CompareSamples.CompareAsync(
            async d => { await CompareSamples.WritePlainAsync(d, seed: 1); CompareSamples.RewriteAsSchemaOne(d); },
            d => CompareSamples.WritePlainAsync(d, seed: 2, scale: 1.25));

        Assert.True(comparison.IsComparable, string.Join("; ", comparison.Differences));
        Assert.Equal(2, comparison.Rows.Count);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public async Task CompareAsync_Current25PercentFaster_Improvement()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WritePlainAsync(d, seed: 1), d => CompareSamples.WritePlainAsync(d, seed: 2, scale: 0.75));

        Assert.Equal([CompareSamples.IterationTag, CompareSamples.StepTag], comparison.Rows.Select(r => r.Row.Tag.Format()));
        Assert.All(comparison.Rows.SelectMany(r => r.Quantiles), q => Assert.Equal(CompareVerdict.Improvement, q.Verdict));
        Assert.All(comparison.Rows.SelectMany(r => r.Quantiles), q => Assert.InRange(0.75, q.Lower, q.Upper));
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public async Task CompareAsync_FortySamples_TooFewAtP95AndP99EvenWhenSlower()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1, count: 40), d => CompareSamples.WriteStudyAsync(d, seed: 2, scale: 2, count: 40));

        var row = Assert.Single(comparison.Rows);
        Assert.Equal([CompareVerdict.Regression, CompareVerdict.TooFewSamples, CompareVerdict.TooFewSamples], row.Quantiles.Select(q => q.Verdict));
    }

    [Fact]
    public async Task CompareAsync_StudyAgainstPlainRunOfAnotherSuite_NamesEveryDifference()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WritePlainAsync(d, seed: 2));

        Assert.False(comparison.IsComparable);
        Assert.Empty(comparison.Rows);
        Assert.Equal(
        [
            "suite differs: baseline 'default', current 'shop'",
            "kind of run differs: baseline 'study', current 'plain run'",
        ], comparison.Differences);
    }

    [Theory]
    [InlineData(null, "on")] // a run from before the radio against tonight's with it
    [InlineData("on", "off")]
    [InlineData("on", "not modelled")]
    public async Task CompareAsync_RadioOnAgainstWithout_NotComparable(string? baseline, string current)
    {
        var comparison = await CompareSamples.CompareAsync(
            d => CompareSamples.WriteStudyAsync(d, seed: 1, study: StudySamples.Study() with { Radio = baseline }),
            d => CompareSamples.WriteStudyAsync(d, seed: 2, study: StudySamples.Study() with { Radio = current }));

        var difference = Assert.Single(comparison.Differences);
        Assert.StartsWith("study radio (handsets' promotion and DRX) differs", difference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_RadioOffAgainstARunFromBeforeTheRadio_Comparable()
    {
        var comparison = await CompareSamples.CompareAsync(
            d => CompareSamples.WriteStudyAsync(d, seed: 1, study: StudySamples.Study() with { Radio = null }),
            d => CompareSamples.WriteStudyAsync(d, seed: 2, study: StudySamples.Study() with { Radio = "off" }));

        Assert.True(comparison.IsComparable, string.Join("; ", comparison.Differences));
    }

    [Fact]
    public async Task CompareAsync_SameSuiteNoSharedRow_NotComparable()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WritePlainAsync(d, seed: 1), d => CompareSamples.WriteRunAsync(d, "shop", null, new() { ["search/-/corrected"] = CompareSamples.Samples(2, 100) }));

        Assert.Equal(["no row in common: the runs recorded no histogram of the same scenario and step"], comparison.Differences);
    }

    [Fact]
    public async Task CompareAsync_MissingDirectory_NamesIt()
    {
        using var current = new TempDirectory();
        await CompareSamples.WritePlainAsync(current.Path, seed: 2);
        var missing = Path.Combine(current.Path, "no-such-run");

        var comparison = await RunComparer.CompareAsync(missing, current.Path, CompareVerdict.DefaultTolerance);

        var difference = Assert.Single(comparison.Differences);
        Assert.Contains("baseline", difference, StringComparison.Ordinal);
        Assert.Contains("run directory not found", difference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_OneDeploymentMore_ComparesTheSharedOneAndListsTheOther()
    {
        var comparison = await CompareSamples.CompareAsync(d => CompareSamples.WriteStudyAsync(d, seed: 1), d => CompareSamples.WriteRunAsync(d, "default", StudySamples.Study(), new()
        {
            [CompareSamples.StudyTag] = CompareSamples.Samples(2, 2_000),
            ["mumbai.app-cold-start/mumbai/uncorrected"] = CompareSamples.Samples(3, 2_000, 0.5),
        }));

        Assert.Single(comparison.Rows);
        Assert.Empty(comparison.OnlyInBaseline);
        Assert.Equal(["mumbai / app-cold-start on mumbai"], comparison.OnlyInCurrent);
    }
}
