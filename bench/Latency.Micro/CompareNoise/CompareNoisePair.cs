using Latency.Reports.Compare;

namespace Latency.Micro.CompareNoise;

/// <summary>One pair's four comparisons: A/A and A/B, each with the two runs' bootstrap alone and widened by the history.</summary>
internal sealed record CompareNoisePair(RunComparison AaAlone, RunComparison AaWithHistory, RunComparison AbAlone, RunComparison AbWithHistory);
