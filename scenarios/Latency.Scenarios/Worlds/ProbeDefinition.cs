using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// Where emulated handset users sit: a city in a country, behind that country's mobile last mile (the access segment
/// between a handset and the internet), which is added to every path from this probe.
/// </summary>
/// <param name="Name">Unique among probes, <c>[a-z0-9-]+</c> (it names a network namespace).</param>
/// <param name="Country">ISO 3166 alpha-2 code, one of <see cref="WorldCountries.ProbeCountries"/>.</param>
/// <param name="City">The user city the path figures are for.</param>
/// <param name="LastMileRttMs">Median idle round trip of the country's mobile networks.</param>
/// <param name="LastMileDownMbps">Median mobile download speed.</param>
/// <param name="LastMileUpMbps">Median mobile upload speed.</param>
/// <param name="Location">Where the probe was written.</param>
/// <param name="Coordinates">Where its users are on the globe, for maps; null when the file gives no <c>location</c>.</param>
/// <param name="Radio">The handset radio's promotion, tail and DRX figures (<c>last_mile.radio</c>); null when the file gives none.</param>
public sealed record ProbeDefinition(
    string Name,
    string Country,
    string City,
    CitedValue LastMileRttMs,
    CitedValue LastMileDownMbps,
    CitedValue LastMileUpMbps,
    SourceLocation? Location = null,
    CitedCoordinates? Coordinates = null,
    RadioModel? Radio = null);
