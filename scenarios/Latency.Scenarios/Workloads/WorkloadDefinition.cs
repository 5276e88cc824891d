using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Workloads;

/// <summary>
/// A session of app requests as a phone makes them (docs/workload-reference.md): ordered items, the HTTP version,
/// and how the first connection is found. <see cref="Replay"/> sessions (HAR imports) issue each request at its
/// recorded offset instead of one after another.
/// </summary>
public sealed record WorkloadDefinition(
    string Name,
    string Description,
    string HttpVersion,
    ConnectionMode Connection,
    IReadOnlyList<WorkloadStep> Steps,
    bool Replay,
    SourceLocation? Location)
{
    /// <summary>Every request in the session, parallel groups flattened, in order.</summary>
    public IEnumerable<WorkloadRequest> Requests => Steps.SelectMany(step => step switch
    {
        WorkloadRequest request => [request],
        WorkloadParallel group => group.Requests,
        _ => Array.Empty<WorkloadRequest>(),
    });

    /// <summary>The roles the session talks to; a suite maps each to a deployment.</summary>
    public IReadOnlySet<string> Roles => Requests.Select(r => r.Role).ToHashSet(StringComparer.Ordinal);
}
