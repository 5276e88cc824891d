using Latency.Reports.Study;

namespace Latency.Reports.Charts;

/// <summary>One country's marker on a <see cref="StudyMapModel"/>: where its users are and what its comparison found.</summary>
public sealed record StudyMapProbe
{
    /// <summary>The probe's name as in tags, e.g. "mumbai".</summary>
    public required string Probe { get; init; }

    /// <summary>
    /// Who the marker stands for: the country ("India"), or country and city ("India (Mumbai)") when the map shows
    /// two probes of one country.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>Decimal degrees, north positive.</summary>
    public required double Latitude { get; init; }

    /// <summary>Decimal degrees, east positive.</summary>
    public required double Longitude { get; init; }

    /// <summary>Origin p50 / in-region p50 (&gt; 1: faster in region); null when not estimated.</summary>
    public double? Gain { get; init; }

    /// <summary>The row's <see cref="StudyVerdict"/>, which decides the fill (<see cref="GainScale.Colours"/>).</summary>
    public required string Verdict { get; init; }

    /// <summary>The verdict in words, as the report's tables say it (<see cref="StudyVerdict.Label"/>).</summary>
    public required string VerdictLabel { get; init; }

    /// <summary>The origin deployment the row compared, e.g. "beijing".</summary>
    public required string Origin { get; init; }

    /// <summary>The in-region deployment the row compared; null when it has none.</summary>
    public string? InRegion { get; init; }

    /// <summary>
    /// The marker's label: "India 4.7x" when the verdict is faster or slower, else the verdict in words ("India: no clear
    /// difference"), so the map never says anything by colour alone.
    /// </summary>
    public string Text => Verdict is StudyVerdict.Faster or StudyVerdict.Slower && Gain is { } gain && double.IsFinite(gain)
        ? $"{Name} {GainScale.Format(gain)}"
        : $"{Name}: {VerdictLabel}";
}
