using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Studies;

/// <summary>
/// From one probe, the deployments whose sessions are compared. Sessions alternate between them in random order
/// (paired comparison), so network drift hits all alike.
/// </summary>
/// <param name="Probe">A probe of the world, or with world <c>none</c> a location label.</param>
/// <param name="Deployments">At least two, distinct; the first is the origin the others are compared with.</param>
/// <param name="Location">Where the entry was written.</param>
public sealed record CompareEntry(string Probe, IReadOnlyList<string> Deployments, SourceLocation? Location = null)
{
    /// <summary>The deployment the others are compared with (gain = origin's quantile / candidate's).</summary>
    public string Origin => Deployments[0];

    /// <summary>The deployments compared with the origin.</summary>
    public IEnumerable<string> Candidates => Deployments.Skip(1);

    public bool Equals(CompareEntry? other) =>
        other is not null && Probe == other.Probe && Deployments.SequenceEqual(other.Deployments) && Location == other.Location;

    public override int GetHashCode() => HashCode.Combine(Probe, Deployments.Count, Location);
}
