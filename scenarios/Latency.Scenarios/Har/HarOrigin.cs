namespace Latency.Scenarios.Har;

/// <summary>An origin seen in a HAR and the workload role it was mapped to.</summary>
/// <param name="Origin"><c>scheme://host:port</c> as captured (default ports omitted).</param>
/// <param name="Role"><c>service</c> for the first origin used, then <c>origin-2</c>, <c>origin-3</c>, ...</param>
/// <param name="Requests">How many imported requests went to it.</param>
public sealed record HarOrigin(string Origin, string Role, int Requests);
