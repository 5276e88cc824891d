using Latency.Bench.Http;
using Latency.Bench.Study;
using Latency.Scenarios.Load;
using Latency.Scenarios.Workloads;

namespace Latency.Tests.Study;

/// <summary>
/// Issue 10, point 4: every cell of a study got the study's seed, so probes with the same rate started their sessions
/// at the same instants. Each cell now draws from its own stream of the seed, and the same suite still repeats.
/// </summary>
public class StudyArrivalsTests
{
    private static readonly WorkloadDefinition ColdStart = new("app-cold-start", "", "2", ConnectionMode.New,
        [new WorkloadRequest("config", "GET", WorkloadRequest.ServiceRole, "/config", 0, 10, TimeSpan.Zero, null)], Replay: false, Location: null);

    private static StudyCell Cell(string probe) =>
        new(probe, ["beijing", "in-region"], ColdStart, 60, new Dictionary<string, string>());

    private static IReadOnlyList<TimeSpan> Arrivals(StudyCell cell, int studySeed)
    {
        using var warm = new WarmClients();
        var scenario = StudyScenarioFactory.Create(cell,
            (probe, deployment) => new SessionTarget(deployment, new Uri($"https://{deployment}.test/"), new HttpClientSettings()),
            warm, TimeSpan.FromMinutes(1), studySeed);
        var (timeline, errors) = LoadTimeline.Compile(scenario.LoadSimulations, scenario.Seed);
        Assert.Empty(errors);
        var pacer = timeline!.Phases.Single().Pacer!;
        return Enumerable.Range(0, (int)pacer.PlannedArrivals).Select(k => pacer.DueTime(k)!.Value).ToList();
    }

    [Fact]
    public void Create_TwoProbesSameRate_ArrivalInstantsDiffer()
    {
        var mumbai = Arrivals(Cell("mumbai"), studySeed: 1);
        var jakarta = Arrivals(Cell("jakarta"), studySeed: 1);

        // Independent Poisson streams of ~60 arrivals a minute share an instant (to the tick) essentially never.
        Assert.Empty(mumbai.Intersect(jakarta));
    }

    [Fact]
    public void Create_SameSuiteTwice_SameArrivals()
    {
        Assert.Equal(Arrivals(Cell("mumbai"), studySeed: 1), Arrivals(Cell("mumbai"), studySeed: 1));
    }

    [Fact]
    public void Create_OtherStudySeed_OtherArrivals()
    {
        Assert.NotEqual(Arrivals(Cell("mumbai"), studySeed: 1), Arrivals(Cell("mumbai"), studySeed: 2));
    }

    [Fact]
    public void CellSeed_DependsOnProbeAndWorkload_StableAcrossCalls()
    {
        var seeds = new[] { "mumbai", "jakarta", "manila", "taipei" }.Select(p => StudyScenarioFactory.CellSeed(1, Cell(p))).ToList();

        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.Equal(StudyScenarioFactory.CellSeed(1, Cell("mumbai")), seeds[0]);
    }
}
