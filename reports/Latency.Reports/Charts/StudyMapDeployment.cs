namespace Latency.Reports.Charts;

/// <summary>A deployment on a <see cref="StudyMapModel"/>: the origin (a square) or an in-region site (a triangle).</summary>
public sealed record StudyMapDeployment
{
    /// <summary>The deployment's name as in tags, e.g. "mumbai".</summary>
    public required string Name { get; init; }

    /// <summary>Its label on the map, e.g. "Beijing (origin)" or "aws:ap-south-1 Mumbai".</summary>
    public required string Label { get; init; }

    /// <summary>Decimal degrees, north positive.</summary>
    public required double Latitude { get; init; }

    /// <summary>Decimal degrees, east positive.</summary>
    public required double Longitude { get; init; }

    /// <summary>True for an origin (the far deployment every country is compared against).</summary>
    public required bool IsOrigin { get; init; }
}
