namespace Latency.RunDirectory;

/// <summary>The machine and network the run measured from: needed to judge whether two runs are comparable.</summary>
public sealed record EnvironmentInfo
{
    public required string MachineName { get; init; }

    /// <summary>Operating system description, e.g. <c>RuntimeInformation.OSDescription</c>.</summary>
    public required string Os { get; init; }

    public required int ProcessorCount { get; init; }

    /// <summary>The .NET runtime version, e.g. "10.0.0".</summary>
    public required string DotnetVersion { get; init; }

    /// <summary>How traffic reached the targets: "direct", "tun" (emulated WAN) or "relay" in JSON.</summary>
    public required NetworkBackend NetworkBackend { get; init; }
}
