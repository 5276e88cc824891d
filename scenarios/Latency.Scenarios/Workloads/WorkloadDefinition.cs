using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Workloads;

/// <summary>
/// A session of app requests as a phone makes them (docs/workload-reference.md): ordered items, the HTTP version,
/// and how the first connection is found. <see cref="Replay"/> sessions (HAR imports) issue each request at its
/// recorded offset instead of one after another.
/// </summary>
/// <remarks>
/// Equality is by value: the steps are compared one by one and <see cref="Location"/> is left out, so
/// <c>WorkloadLoader.Parse(WorkloadWriter.Write(w), file) == w</c>.
/// </remarks>
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

    /// <summary>Used when <c>http</c> is not given: phones' apps mostly speak HTTP/2 over TLS.</summary>
    public const string DefaultHttpVersion = "2";

    /// <summary>How long the handset was quiet before each session (<c>idle_before</c>); default: not at all.</summary>
    public IdleBefore IdleBefore { get; init; } = IdleBefore.None;

    public bool Equals(WorkloadDefinition? other) =>
        other is not null
        && Name == other.Name
        && Description == other.Description
        && HttpVersion == other.HttpVersion
        && Connection == other.Connection
        && Replay == other.Replay
        && IdleBefore == other.IdleBefore
        && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Name, Description, HttpVersion, Connection, Replay, Steps.Count);
}
