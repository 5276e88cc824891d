using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Suites;

/// <summary>One HTTP request of a scenario's iteration.</summary>
/// <param name="Name">Unique in its scenario; letters, digits, <c>_ . -</c>.</param>
/// <param name="TargetName">The target whose base URL <paramref name="Url"/> was resolved against.</param>
/// <param name="Url">The absolute URL requested: the target's base URL followed by the step's path.</param>
/// <param name="Method">Upper-case HTTP method: GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS.</param>
/// <param name="Headers">Request headers; names compare case-insensitively, as in HTTP.</param>
/// <param name="BodyBytes">Size of the generated request body; 0 for none.</param>
/// <param name="Timeout">How long one request may take before it counts as failed.</param>
/// <param name="Location">Where the step starts in the suite file.</param>
public sealed record HttpStepDefinition(
    string Name,
    string TargetName,
    Uri Url,
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    long BodyBytes,
    TimeSpan Timeout,
    SourceLocation? Location)
{
    /// <summary>Used when <c>timeout</c> is not given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The methods a step may use.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
}
