namespace Latency.RunDirectory;

/// <summary>The program that wrote the run directory.</summary>
public sealed record ToolInfo
{
    /// <summary>The tool's name; "latency" for runs written by this project.</summary>
    public required string Name { get; init; }

    /// <summary>The tool's version (informational version of the assembly).</summary>
    public required string Version { get; init; }
}
