using Latency.Micro.Soak;
using Latency.Scenarios.Suites;

namespace Latency.Tests.Scenarios;

public sealed class StudySuiteScalerTests
{
    [Fact]
    public void Scale_DefaultStudyByAQuarter_LoadsWithFractionalRatesTheNewDurationAndAbsoluteFiles()
    {
        var path = RepositoryPaths.Suite("default");
        var original = SuiteLoader.Load(path).Study!;

        var scaled = StudySuiteScaler.Scale(File.ReadAllText(path), Path.GetDirectoryName(path)!, 0.25, TimeSpan.FromMinutes(60));
        // Parsed from a name in another folder: the workloads must no longer depend on where the suite is.
        var study = SuiteLoader.Parse(scaled.Yaml, Path.Combine(Path.GetTempPath(), "elsewhere", "soak.yaml")).Study!;

        Assert.Equal(TimeSpan.FromMinutes(60), study.Duration);
        Assert.Equal(original.Workloads.Select(w => w.SessionsPerMinute * 0.25), study.Workloads.Select(w => w.SessionsPerMinute));
        Assert.Equal(original.Workloads.Select(w => w.MaxSessionsPerMinute * 0.25), study.Workloads.Select(w => w.MaxSessionsPerMinute));
        Assert.Equal(original.Workloads.Select(w => w.File), study.Workloads.Select(w => w.File));
        Assert.Equal(original.Compare.Count, study.Compare.Count);
        Assert.Contains("app-cold-start: 1.5/min (max 6)", scaled.Rates);
        Assert.Contains("photo-backup: 0.25/min", scaled.Rates);
    }

    [Fact]
    public void Scale_FixedRate_DropsPrecisionAndMaxRatesAndCountsTheOfferedSessions()
    {
        var path = RepositoryPaths.Suite("default");
        var original = SuiteLoader.Load(path).Study!;

        var scaled = StudySuiteScaler.Scale(File.ReadAllText(path), Path.GetDirectoryName(path)!, 5, TimeSpan.FromMinutes(2), fixedRate: true);
        var study = SuiteLoader.Parse(scaled.Yaml, Path.Combine(Path.GetTempPath(), "elsewhere", "scale.yaml")).Study!;

        Assert.Null(study.Precision);
        Assert.All(study.Workloads, w => Assert.Null(w.MaxSessionsPerMinute));
        Assert.Equal(original.Workloads.Sum(w => w.SessionsPerMinute) * 5, scaled.SessionsPerMinute, 9);
        Assert.Equal(original.Compare.Sum(c => c.Deployments.Count), scaled.ProbeDeployments);
        Assert.Equal(scaled.SessionsPerMinute * scaled.ProbeDeployments, scaled.OfferedPerMinute, 9);
        Assert.Contains("app-cold-start: 30/min", scaled.Rates);
    }

    [Fact]
    public void Scale_NotAStudy_Throws()
    {
        Assert.Throws<InvalidDataException>(() => StudySuiteScaler.Scale("version: 1\nname: x\nscenarios: []\n", "/", 0.5, TimeSpan.FromMinutes(1)));
    }
}
