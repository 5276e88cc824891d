using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// Where a probe's users or a deployment's site are on the globe (a world file's <c>location</c>), cited like every
/// other number of a world file. Only reports use it (the first screen's map); the emulation never does.
/// </summary>
/// <param name="Latitude">Decimal degrees, north positive, from -90 to 90.</param>
/// <param name="Longitude">Decimal degrees, east positive, from -180 to 180.</param>
/// <param name="Source">The row it was taken from, e.g. "places.csv: Mumbai (Natural Earth ne_110m_populated_places_simple)".</param>
/// <param name="Assumption">The rule used where the point only stands in, e.g. a city's point for a data centre in it.</param>
/// <param name="Location">Where the coordinates were written.</param>
public sealed record CitedCoordinates(double Latitude, double Longitude, string? Source, string? Assumption, SourceLocation? Location = null)
{
    /// <summary>Source and assumption in one line, as <see cref="CitedValue.Citation"/>.</summary>
    public string Citation => CitedValue.CitationOf(Source, Assumption);
}
