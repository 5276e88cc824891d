using HdrHistogram;
using Latency.RunDirectory;
using Latency.Reports.Study;

namespace Latency.Tests.Reports;

public class StudySummaryTests
{
    private static RunData Run(StudyInfo? study, Dictionary<string, long[]>? sessions = null, IReadOnlyList<ScenarioResult>? scenarios = null)
    {
        var totals = (sessions ?? StudySamples.Sessions()).ToDictionary(
            kv => HistogramTag.TryParse(kv.Key, out var tag) ? tag : throw new ArgumentException(kv.Key),
            kv => (HistogramBase)StudySamples.Histogram(kv.Value));
        var manifest = study is null && scenarios is null
            ? null
            : ManifestSamples.Partial() with { Study = study, Scenarios = scenarios ?? [] };
        return new RunData { Directory = "run", Manifest = manifest, Totals = totals };
    }

    // Independent of the code under test: the quantiles the samples were built with, and 3 significant digits.
    private static void AssertNear(double expected, double? actual) =>
        Assert.InRange(actual!.Value, expected * 0.998, expected * 1.002);

    [Fact]
    public void From_StudySection_GivesOriginInRegionQuantilesAndGain()
    {
        var summary = StudySummary.From(Run(StudySamples.Study()));

        Assert.True(summary.FromStudySection);
        Assert.Equal(["mumbai", "jakarta"], summary.Probes);
        var india = summary.Rows[0];
        Assert.Equal(("India", "Mumbai", "app-cold-start", "India (Mumbai)"), (india.Country, india.City, india.Workload, india.Place));
        Assert.Equal("beijing", india.Origin.Deployment);
        Assert.Equal("mumbai", india.InRegion!.Deployment);
        Assert.Equal(100, india.Origin.Count);
        Assert.Equal(100, india.InRegion.Count);
        AssertNear(150_000, india.Origin.P50Us);
        AssertNear(250_000, india.Origin.P95Us);
        AssertNear(60_000, india.InRegion.P50Us);
        AssertNear(125_000, india.InRegion.P95Us);
        AssertNear(150.0 / 60.0, india.GainP50);
        AssertNear(250.0 / 125.0, india.GainP95);

        var indonesia = summary.Rows[1];
        AssertNear(180.0 / 45.0, indonesia.GainP50);
        AssertNear(300.0 / 90.0, indonesia.GainP95);
        Assert.Equal(60, indonesia.Origin.Count);
        Assert.Equal("app-cold-start", summary.MainWorkload);
    }

    [Fact]
    public void From_NoStudySection_DerivesProbesAndTakesBeijingAsOrigin()
    {
        // beijing is recorded second: the origin is chosen by name, not by order.
        var sessions = new Dictionary<string, long[]>
        {
            ["mumbai.login/mumbai/uncorrected"] = StudySamples.MumbaiMumbai(),
            ["mumbai.login/beijing/uncorrected"] = StudySamples.MumbaiBeijing(),
        };

        var summary = StudySummary.From(Run(null, sessions));

        var row = Assert.Single(summary.Rows);
        Assert.False(summary.FromStudySection);
        Assert.Equal(("mumbai", null, "login"), (row.Country, row.City, row.Workload));
        Assert.Equal("beijing", row.Origin.Deployment);
        Assert.Equal("mumbai", row.InRegion!.Deployment);
        AssertNear(2.5, row.GainP50);
        Assert.Equal("login", summary.MainWorkload);
        Assert.Contains(summary.Notes, n => n.Contains("no study section", StringComparison.Ordinal));
    }

    [Fact]
    public void From_NoStudyNoBeijing_TakesFirstDeploymentSeenAsOrigin()
    {
        var sessions = new Dictionary<string, long[]>
        {
            ["manila.ota-check/singapore/uncorrected"] = StudySamples.MumbaiBeijing(),
            ["manila.ota-check/manila/uncorrected"] = StudySamples.MumbaiMumbai(),
        };

        var row = Assert.Single(StudySummary.From(Run(null, sessions)).Rows);

        Assert.Equal("singapore", row.Origin.Deployment);
        Assert.Equal("manila", row.InRegion!.Deployment);
    }

    [Fact]
    public void From_FailedSessionsInManifest_CountedPerDeployment()
    {
        var scenario = ManifestSamples.Partial().Scenarios[0] with
        {
            Name = "mumbai.app-cold-start",
            Steps =
            [
                ManifestSamples.Partial().Scenarios[0].Steps[0] with { Name = "beijing", Failed = 7 },
                ManifestSamples.Partial().Scenarios[0].Steps[0] with { Name = "mumbai", Failed = 1 },
            ],
        };

        var india = StudySummary.From(Run(StudySamples.Study(), scenarios: [scenario])).Rows[0];

        Assert.Equal(7, india.Origin.Failed);
        Assert.Equal(1, india.InRegion!.Failed);
    }

    [Fact]
    public void From_InRegionWithoutSessions_NoGainAndANote()
    {
        var sessions = new Dictionary<string, long[]> { ["mumbai.app-cold-start/beijing/uncorrected"] = StudySamples.MumbaiBeijing() };

        var summary = StudySummary.From(Run(StudySamples.Study(), sessions));

        var row = Assert.Single(summary.Rows);
        Assert.Equal(0, row.InRegion!.Count);
        Assert.Null(row.GainP50);
        Assert.Contains(summary.Notes, n => n.Contains("jakarta", StringComparison.Ordinal));
        Assert.Contains(summary.Notes, n => n.Contains("in-region deployment 'mumbai'", StringComparison.Ordinal));
    }

    [Fact]
    public void From_EmptyRun_NoRows()
    {
        var summary = StudySummary.From(new RunData { Directory = "x" });

        Assert.Empty(summary.Rows);
        Assert.Null(summary.MainWorkload);
    }
}
