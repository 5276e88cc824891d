namespace Latency.Scenarios.Worlds;

/// <summary>
/// A resolved path between a probe and a deployment: the model applied to packets going up (probe to deployment)
/// and down (deployment to probe), last mile included. What the WAN emulator and the relay fallback apply.
/// </summary>
public sealed record PathSpec(string Probe, string Deployment, LinkModel Up, LinkModel Down)
{
    /// <summary>Round-trip propagation delay (no jitter, no queueing): what a TCP connect should take.</summary>
    public TimeSpan BaseRtt => Up.OneWayDelay + Down.OneWayDelay;
}
