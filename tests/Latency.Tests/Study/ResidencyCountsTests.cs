using Latency.Bench.Load;
using Latency.Bench.Study;
using Latency.Reports.Study;
using Latency.RunDirectory;
using Latency.Scenarios.Residency;

namespace Latency.Tests.Study;

/// <summary>
/// Issue 19: from counted flows to run.json, thresholds and the report's words: copies added once per jurisdiction,
/// thresholds checked on in-region options only, shares and the first screen's sentence.
/// </summary>
public sealed class ResidencyCountsTests
{
    private static readonly Dictionary<string, string?> Places = new() { ["beijing"] = "CN", ["shanghai"] = "CN", ["mumbai"] = "IN", ["singapore"] = "SG" };

    [Fact]
    public void ToInfo_CopiesToChina_LargestShareOncePerJurisdictionAndNoneWithinItsOwn()
    {
        var tally = new ResidencyTally();
        tally.For("mumbai.backup", "mumbai", "mumbai").Count(Response.Ok(200, 100).WithBodyBytes(1000, 100));
        tally.For("mumbai.backup", "beijing", "beijing").Count(Response.Ok(200, 100).WithBodyBytes(1000, 100));
        var plan = new ResidencyPlan(Places,
        [
            new ReplicationDefinition("mumbai", "beijing", 0.25), new ReplicationDefinition("mumbai", "shanghai", 0.5),
            new ReplicationDefinition("mumbai", "singapore", 1), new ReplicationDefinition("beijing", "shanghai", 1),
        ], ["CN"], []);

        var info = tally.ToInfo(plan);

        var copies = info.Flows.Where(f => f.Replicated).ToList();
        Assert.Equal([("shanghai", "CN", 500L), ("singapore", "SG", 1000L)], copies.Select(c => (c.Deployment, c.Jurisdiction!, c.BytesSent)).Order());
        Assert.All(copies, c => Assert.Equal(("mumbai", "mumbai", 0L), (c.Option, c.ReplicatedFrom!, c.Requests)));
        Assert.Equal("China", info.Names["CN"]);
    }

    [Fact]
    public void Count_RefusedBeforeSending_IsNotARequestThatReachedTheDeployment()
    {
        var counter = new FlowCounter();

        counter.Count(Response.Fail("connection_refused").WithBodyBytes(0, 0));
        counter.Count(Response.Fail("timeout").WithBodyBytes(512, 0));
        counter.Count(Response.Ok(200, 64).WithBodyBytes(0, 64));

        Assert.Equal((2L, 512L, 64L), (counter.Requests, counter.BytesSent, counter.BytesReceived));
    }

    [Fact]
    public void Apply_ThresholdIsCheckedOnEveryInRegionOptionNeverOnTheOrigin()
    {
        var manifest = Manifest(
            Flow("beijing", "beijing", "CN", requests: 10, sent: 10_000),
            Flow("mumbai", "mumbai", "IN", requests: 10, sent: 9_000),
            Flow("mumbai", "beijing", "CN", requests: 10, sent: 1_000),
            Flow("singapore", "singapore", "SG", requests: 20, sent: 10_000));
        Assert.True(ResidencyThresholdParser.TryParse("residency: CN bytes_sent == 0", out var threshold, out _));

        var checkedManifest = ResidencyThresholdChecks.Apply(manifest, [threshold]);

        var results = checkedManifest.Scenarios.Single().Thresholds;
        Assert.Equal([("mumbai: residency: CN bytes_sent == 0", false, "1000"), ("singapore: residency: CN bytes_sent == 0", true, "0")],
            results.Select(r => (r.Text, r.Passed, r.Observed!)));
        Assert.Equal("mumbai: residency: CN bytes_sent == 0: observed 1,000 bytes of 10,000 (failed)", results[0].Description);
        // Recorded texts are found again, so a merged run.json can evaluate them afresh.
        var again = ResidencyThresholdChecks.Reapply(checkedManifest);
        Assert.Equal(results, again.Scenarios.Single().Thresholds);
    }

    [Fact]
    public void Summary_LoginsStillInChina_SharesAndTheSentenceSayWhatTookThemThere()
    {
        var manifest = Manifest(
            Flow("beijing", "beijing", "CN", requests: 30, sent: 20_000),
            Flow("mumbai", "mumbai", "IN", requests: 20, sent: 20_000),
            Flow("mumbai", "beijing", "CN", requests: 10, sent: 0),
            Flow("singapore", "singapore", "SG", requests: 30, sent: 20_000));

        var summary = ResidencySummary.From(manifest.Study)!;

        var mumbai = summary.Rows.Single(r => r.Option == "mumbai");
        Assert.Equal((0.0, 1 / 3.0), (mumbai.BytesShare, mumbai.RequestsShare));
        Assert.Equal(["backup to beijing"], mumbai.Causes);
        Assert.Equal(1.0, summary.Rows.Single(r => r.IsOrigin).BytesShare);
        Assert.Equal("With the in-region deployments, 0% of the user data sent reached China; requests still did (17% of requests: backup to beijing).",
            summary.Sentence());
    }

    [Fact]
    public void Summary_CopiedBack_TheCopiesCountAsDataThatReachedChina()
    {
        var manifest = Manifest(
            Flow("beijing", "beijing", "CN", requests: 10, sent: 4_000),
            Flow("mumbai", "mumbai", "IN", requests: 10, sent: 4_000),
            Flow("mumbai", "beijing", "CN", requests: 0, sent: 1_000) with { Replicated = true, ReplicatedFrom = "mumbai" },
            Flow("singapore", "singapore", "SG", requests: 10, sent: 4_000));

        var summary = ResidencySummary.From(manifest.Study)!;

        var mumbai = summary.Rows.Single(r => r.Option == "mumbai");
        Assert.Equal((4_000L, 1_000L, 1_000L, 0.25), (mumbai.BytesSent, mumbai.ForbiddenBytesSent, mumbai.CopiedBytes, mumbai.BytesShare));
        Assert.Equal(["copies from mumbai to beijing"], mumbai.Causes);
        Assert.Equal("With the in-region deployments, 13% of the user data sent reached China (0% of requests: copies from mumbai to beijing).", summary.Sentence());
        Assert.Contains(ResidencySection.Blocks(summary), b => b is ReportTable t && t.Rows.Count == 3);
    }

    [Fact]
    public void Summary_OlderRun_NoSectionNoSentence()
    {
        Assert.Null(ResidencySummary.From(new StudyInfo()));
        Assert.Empty(ResidencySection.Blocks(null));
    }

    private static ResidencyFlow Flow(string option, string deployment, string jurisdiction, long requests, long sent) => new()
    {
        Scenario = "mumbai.backup", Option = option, Deployment = deployment, Jurisdiction = jurisdiction,
        Requests = requests, BytesSent = sent, BytesReceived = requests * 100,
    };

    // One cell: Mumbai's users compare Beijing with Mumbai and Singapore.
    private static RunManifest Manifest(params ResidencyFlow[] flows) => Reports.ManifestSamples.Partial() with
    {
        Scenarios = [Reports.ManifestSamples.Partial().Scenarios[0] with { Name = "mumbai.backup", Thresholds = [] }],
        Study = new StudyInfo
        {
            Comparisons = [new StudyComparison { Probe = "mumbai", Country = "India", City = "Mumbai", Origin = "beijing", InRegion = ["mumbai", "singapore"] }],
            Residency = new ResidencyInfo
            {
                Forbidden = ["CN"],
                Names = new Dictionary<string, string> { ["CN"] = "China" },
                Jurisdictions = Places,
                Flows = flows,
            },
        },
    };
}
