namespace Latency.Bench.Publish;

/// <summary>How a publish went: calls that succeeded, and for each failed one the rows it carried and why.</summary>
/// <param name="Succeeded">Calls the service accepted.</param>
/// <param name="Failures">Each failed call: what it was and the service's answer.</param>
/// <param name="UnsentRows">The rows (dimension sets, e.g. <c>Country=India, Probe=mumbai, ...</c>) with data in a
/// failed call, in the order they were to be sent.</param>
public sealed record CloudWatchPublishResult(int Succeeded, IReadOnlyList<string> Failures, IReadOnlyList<string> UnsentRows)
{
    /// <summary>Everything went out.</summary>
    public bool Complete => Failures.Count == 0;
}
