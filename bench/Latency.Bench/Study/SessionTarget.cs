using Latency.Bench.Http;

namespace Latency.Bench.Study;

/// <summary>Where one role of a session goes: the deployment's base URL and how to reach it from the probe.</summary>
public sealed record SessionTarget(string Deployment, Uri BaseUrl, HttpClientSettings Settings);
