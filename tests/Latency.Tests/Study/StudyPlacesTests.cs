using Latency.Bench.Application;
using Latency.Bench.Study;
using Latency.RunDirectory;
using Latency.Scenarios.Workloads;
using Latency.Scenarios.Worlds;

namespace Latency.Tests.Study;

/// <summary>Issue 11: run.json carries the coordinates of the probes and deployments a study uses, for the report's map.</summary>
public sealed class StudyPlacesTests
{
    private static readonly WorldDefinition Asia = WorldFiles.Load(null);

    private static StudyCell Cell(string probe, params string[] deployments) =>
        new(probe, deployments,
            new WorkloadDefinition("ping", "", "2", ConnectionMode.New,
                [new WorkloadRequest("r", "GET", WorkloadRequest.ServiceRole, "/r", 0, 10, TimeSpan.Zero, null)], Replay: false, Location: null),
            60, new Dictionary<string, string>());

    private static StudyRun Run(params StudyCell[] cells) => new("default", TimeSpan.FromMinutes(1), 1, cells, []);

    [Fact]
    public void From_AsiaStudy_ListsItsProbesThenTheDeploymentsItUses()
    {
        var places = StudyPlaces.From(Run(Cell("mumbai", "beijing", "mumbai"), Cell("manila", "beijing", "hong-kong", "singapore")), Asia);

        Assert.Equal(
            [
                ("mumbai", StudyPlace.ProbeKind), ("manila", StudyPlace.ProbeKind),
                ("beijing", StudyPlace.DeploymentKind), ("mumbai", StudyPlace.DeploymentKind),
                ("hong-kong", StudyPlace.DeploymentKind), ("singapore", StudyPlace.DeploymentKind),
            ],
            places.Select(p => (p.Name, p.Kind)));
        var mumbai = places[0];
        // places.csv: Mumbai, Natural Earth ne_110m_populated_places_simple.
        Assert.Equal(("Mumbai", 19.018936, 72.855043), (mumbai.Label, mumbai.Latitude, mumbai.Longitude));
        Assert.Equal("places.csv: Mumbai (Natural Earth ne_110m_populated_places_simple)", mumbai.Source);
        var beijing = places[2];
        Assert.Equal(("Beijing (origin)", 39.930838, 116.38634), (beijing.Label, beijing.Latitude, beijing.Longitude));
        Assert.Contains("; assumption: ", beijing.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void From_WorldWithoutLocations_LeavesThoseOut()
    {
        var world = Asia with
        {
            Probes = Asia.Probes.Select(p => p.Name == "mumbai" ? p with { Coordinates = null } : p).ToList(),
            Deployments = Asia.Deployments.Select(d => d.Name == "beijing" ? d with { Coordinates = null } : d).ToList(),
        };

        var places = StudyPlaces.From(Run(Cell("mumbai", "beijing", "mumbai"), Cell("jakarta", "beijing", "jakarta")), world);

        Assert.Equal(["jakarta/probe", "mumbai/deployment", "jakarta/deployment"], places.Select(p => $"{p.Name}/{p.Kind}"));
    }

    [Fact]
    public void From_RealEndpoints_IsEmpty()
    {
        Assert.Empty(StudyPlaces.From(Run(Cell("mumbai", "beijing", "mumbai")), null));
    }
}
