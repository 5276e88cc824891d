namespace Latency.Micro.CompareNoise;

/// <summary>Every pair's comparisons, and each row's p50/p95/p99 (µs) in every A run, oldest first.</summary>
internal sealed record CompareNoiseResult(IReadOnlyList<CompareNoisePair> Pairs, IReadOnlyDictionary<string, IReadOnlyList<double[]>> ARunQuantiles);
