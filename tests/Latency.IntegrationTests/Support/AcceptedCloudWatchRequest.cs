using System.Text.Json;

namespace Latency.IntegrationTests.Support;

/// <summary>A request the <see cref="CloudWatchEndpoint"/> accepted: its operation, its JSON body (decompressed) and whether it came gzipped.</summary>
public sealed record AcceptedCloudWatchRequest(string Operation, JsonElement Body, bool Gzip);
