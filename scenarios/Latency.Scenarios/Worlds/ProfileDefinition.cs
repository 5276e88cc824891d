using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// A named network condition (e.g. <c>typical</c>, <c>congested</c>) a world can be brought up in. Paths may override
/// their values per profile; a path without an override behaves the same in every profile.
/// </summary>
public sealed record ProfileDefinition(string Name, string Description, SourceLocation? Location = null);
