namespace Latency.Micro.CompareNoise;

/// <summary>A run, a history add or a comparison of <c>compare-noise</c> failed: the measurement stops with exit 3.</summary>
internal sealed class CompareNoiseRunFailedException(string message) : Exception(message);
