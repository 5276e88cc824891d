using Latency.Scenarios.Workloads;

namespace Latency.Scenarios.Har;

/// <summary>What <see cref="HarImporter"/> made of a HAR file.</summary>
/// <param name="Workload">The replay workload: one request per HTTP entry, in start order, with recorded offsets.</param>
/// <param name="Origins">Each origin of the capture (<c>scheme://host:port</c>) and the role it became, in first-use order.</param>
/// <param name="Skipped">Entries left out, one line each with its index and why (e.g. a <c>ws://</c> or <c>data:</c> URL).</param>
public sealed record HarImport(
    WorkloadDefinition Workload,
    IReadOnlyList<HarOrigin> Origins,
    IReadOnlyList<string> Skipped)
{
    /// <summary>From the first request's start to the last one's (the session's recorded length, responses not included).</summary>
    public TimeSpan Span => Workload.Requests.Select(r => r.Offset ?? TimeSpan.Zero).DefaultIfEmpty().Max();
}
