namespace Latency.RunDirectory;

/// <summary>One probe of a study: where its users are, and the origin it compared with in-region deployments.</summary>
public sealed record StudyComparison
{
    /// <summary>The probe's name as in histogram tags, e.g. "mumbai".</summary>
    public required string Probe { get; init; }

    /// <summary>The country the probe stands for, as people read it, e.g. "India".</summary>
    public string? Country { get; init; }

    /// <summary>The probe's city, e.g. "Mumbai".</summary>
    public string? City { get; init; }

    /// <summary>The far deployment, e.g. "beijing".</summary>
    public string Origin { get; init; } = "beijing";

    /// <summary>The near deployments, nearest first; reports compare the origin with the first.</summary>
    public IReadOnlyList<string> InRegion { get; init; } = [];
}
