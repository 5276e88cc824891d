using Latency.Scenarios.Studies;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Worlds;

namespace Latency.Tests.Scenarios;

/// <summary>scenarios/suites/default.yaml and beijing-vs-singapore-2014.yaml: load, fit the world, fit the budget.</summary>
public sealed class StudySuiteFilesTests
{
    private static readonly WorldDefinition Asia = WorldLoader.Load(RepositoryPaths.World("asia"));

    private static readonly string[] Library =
        ["app-cold-start", "account-login", "photo-backup", "app-store-download", "push-heartbeat", "ota-check"];

    [Theory]
    [InlineData("default")]
    [InlineData("beijing-vs-singapore-2014")]
    public void Load_StudySuite_ValidatesAgainstTheBuiltinWorld(string name)
    {
        var study = Assert.IsType<StudyDefinition>(SuiteLoader.Load(RepositoryPaths.Suite(name)).Study);

        Assert.Equal(StudyWorldSource.Builtin, study.WorldSource);
        Assert.Empty(study.Validate(Asia));
        Assert.Equal(Library, study.Workloads.Select(w => w.Workload.Name));
        Assert.All(study.Compare, c => Assert.Equal("beijing", c.Origin));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("beijing-vs-singapore-2014")]
    public void Load_StudySuite_FitsTheFiveMinuteBudgetOnTwoCores(string name)
    {
        var study = SuiteLoader.Load(RepositoryPaths.Suite(name)).Study!;
        var arrivalsPerSecond = study.Probes.Count * study.Workloads.Sum(w => w.SessionsPerMinute) / 60;

        Assert.InRange(study.Duration, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4));
        Assert.InRange(arrivalsPerSecond, 0.5, 3);
    }

    [Fact]
    public void Load_Default_ComparesEachCountryWithItsNearestDeployment()
    {
        var study = SuiteLoader.Load(RepositoryPaths.Suite("default")).Study!;

        Assert.Equal(
            [
                ("mumbai", "mumbai"), ("jakarta", "jakarta"), ("kuala-lumpur", "singapore"), ("manila", "hong-kong"),
                ("taipei", "taipei"), ("ho-chi-minh-city", "singapore"), ("bangkok", "singapore"),
            ],
            study.Compare.Select(c => (c.Probe, Assert.Single(c.Candidates))));
    }

    [Fact]
    public void Load_2014Move_ComparesEveryProbeOfTheWorldWithSingaporeOnly()
    {
        var study = SuiteLoader.Load(RepositoryPaths.Suite("beijing-vs-singapore-2014")).Study!;

        Assert.Equal(Asia.Probes.Select(p => p.Name), study.Probes);
        Assert.All(study.Compare, c => Assert.Equal(["beijing", "singapore"], c.Deployments));
    }

    [Fact]
    public void Load_Residency_KeepsAuthInBeijingAndMirrorsMumbaiBack()
    {
        var study = SuiteLoader.Load(RepositoryPaths.Suite("residency")).Study!;

        Assert.Empty(study.Validate(Asia));
        var plan = study.ResolveResidency(Asia);
        Assert.Equal("beijing", Assert.Single(study.Roles, r => r.Role == "auth").Deployment);
        Assert.Contains(study.Workloads, w => w.Workload.Steps.OfType<Latency.Scenarios.Workloads.WorkloadRequest>().Any(r => r.Role == "auth"));
        Assert.Equal(["CN"], plan.Forbidden);
        var copy = Assert.Single(plan.Replication);
        Assert.Equal(("mumbai", "beijing", "CN"), (copy.From, copy.To, plan.JurisdictionOf(copy.To)));
        Assert.Equal("residency: CN bytes_sent == 0", Assert.Single(plan.Thresholds).Text);
        Assert.All(study.Compare, c => Assert.NotEqual("CN", plan.JurisdictionOf(c.Deployments[1])));
    }
}
