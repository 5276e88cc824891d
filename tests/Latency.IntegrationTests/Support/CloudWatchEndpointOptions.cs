namespace Latency.IntegrationTests.Support;

/// <summary>The credentials a <see cref="CloudWatchEndpoint"/> accepts and the errors it answers before accepting.</summary>
public sealed record CloudWatchEndpointOptions
{
    /// <summary>The one access key the endpoint knows; any other is refused 403 InvalidClientTokenId.</summary>
    public string AccessKey { get; init; } = "AKIDLATENCYLOCALTEST";

    /// <summary>The secret the endpoint recomputes signatures with; never printed by the endpoint.</summary>
    public string SecretKey { get; init; } = "latency/local/endpoint/secret/not/an/aws/key";

    /// <summary>When set, requests must carry this X-Amz-Security-Token, signed.</summary>
    public string? SessionToken { get; init; }

    /// <summary>The region credentials must be scoped to.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The first this-many signed requests are answered 400 Throttling.</summary>
    public int Throttle { get; init; }

    /// <summary>The next this-many signed requests (after the throttled ones) are answered 500 InternalServiceFault.</summary>
    public int Fail { get; init; }

    /// <summary>
    /// The time datum timestamps are checked against (the service takes two weeks back to two hours ahead), for runs
    /// recorded earlier; null is now. The signature's X-Amz-Date is always checked against the real clock.
    /// </summary>
    public DateTimeOffset? MetricNow { get; init; }
}
