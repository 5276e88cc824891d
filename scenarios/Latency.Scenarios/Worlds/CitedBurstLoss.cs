using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>A Gilbert-Elliott burst-loss model from a world file, with its source or assumption.</summary>
public sealed record CitedBurstLoss(GilbertElliott Model, string? Source, string? Assumption, SourceLocation? Location = null);
