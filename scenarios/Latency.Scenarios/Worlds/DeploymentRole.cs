namespace Latency.Scenarios.Worlds;

/// <summary>What a deployment is in the comparison: the origin every country is measured against, or a candidate near users.</summary>
public enum DeploymentRole
{
    /// <summary>The origin (Beijing): <c>role: origin</c>.</summary>
    Origin,

    /// <summary>A deployment in or near the users' region: <c>role: in-region</c>.</summary>
    InRegion,
}
