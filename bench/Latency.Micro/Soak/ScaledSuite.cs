namespace Latency.Micro.Soak;

/// <summary>A study suite rewritten for a soak or a scale step: its text, and what was changed, for the result to say.</summary>
/// <param name="Yaml">The suite to run.</param>
/// <param name="Rates">Per workload, "name: rate/min (max N)" as written into <paramref name="Yaml"/>.</param>
/// <param name="SessionsPerMinute">The workloads' <c>sessions_per_minute</c> added up, as written: arrivals a minute at one probe.</param>
/// <param name="ProbeDeployments">The deployments of every <c>compare</c> entry added up: the sessions each arrival of a workload becomes, all probes together.</param>
public sealed record ScaledSuite(string Yaml, IReadOnlyList<string> Rates, double SessionsPerMinute = 0, int ProbeDeployments = 0)
{
    /// <summary>Sessions offered a minute, every probe, workload and deployment: <see cref="SessionsPerMinute"/> x <see cref="ProbeDeployments"/>.</summary>
    public double OfferedPerMinute => SessionsPerMinute * ProbeDeployments;
}
