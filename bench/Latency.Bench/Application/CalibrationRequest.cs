namespace Latency.Bench.Application;

/// <summary>What <c>latency calibrate</c> was asked for.</summary>
/// <param name="Paths"><c>probe/deployment</c> pairs to measure; empty for every path of the world.</param>
/// <param name="Quick">Fewer samples and no throughput: a quick look.</param>
/// <param name="OutDirectory">Where to write calibration.json; null: runs/calibration-&lt;UTC time&gt;.</param>
public sealed record CalibrationRequest(IReadOnlySet<string> Paths, bool Quick, string? OutDirectory);
