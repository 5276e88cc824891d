using Latency.RunDirectory;
using Latency.Scenarios.Worlds;

namespace Latency.Bench.Study;

/// <summary>
/// run.json's <c>study.places</c>: the coordinates the world file gives for the probes and deployments a study uses,
/// written into the run so that its report draws the map from the run directory alone, even after the world file
/// has changed.
/// </summary>
internal static class StudyPlaces
{
    /// <summary>
    /// The study's probes (in its order), then the deployments its cells use (first use first, fixed roles' too), each
    /// with a <c>location</c> in <paramref name="world"/>; empty without a world (real endpoints).
    /// </summary>
    public static IReadOnlyList<StudyPlace> From(StudyRun study, WorldDefinition? world)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (world is null)
        {
            return [];
        }

        var probes = study.Cells.Select(c => c.Probe).Distinct(StringComparer.Ordinal)
            .Select(name => world.Probes.FirstOrDefault(p => p.Name == name))
            .Where(p => p?.Coordinates is not null)
            .Select(p => Place(p!.Name, StudyPlace.ProbeKind, p.City, p.Coordinates!));
        var deployments = study.Cells.SelectMany(c => c.Deployments.Concat(c.FixedRoles.Values)).Distinct(StringComparer.Ordinal)
            .Select(name => world.Deployments.FirstOrDefault(d => d.Name == name))
            .Where(d => d?.Coordinates is not null)
            .Select(d => Place(d!.Name, StudyPlace.DeploymentKind, d.Site, d.Coordinates!));
        return probes.Concat(deployments).ToList();
    }

    private static StudyPlace Place(string name, string kind, string label, CitedCoordinates coordinates) => new()
    {
        Name = name,
        Kind = kind,
        Label = label,
        Latitude = coordinates.Latitude,
        Longitude = coordinates.Longitude,
        Source = coordinates.Citation,
    };
}
