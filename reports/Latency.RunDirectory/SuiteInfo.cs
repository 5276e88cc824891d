namespace Latency.RunDirectory;

/// <summary>The suite that was run.</summary>
public sealed record SuiteInfo
{
    public required string Name { get; init; }

    /// <summary>The suite file as the user gave it on the command line; null for ad-hoc runs.</summary>
    public string? File { get; init; }

    public string? Description { get; init; }
}
