using Latency.Reports.Publish;

namespace Latency.Bench.Publish;

/// <summary>One PutMetricData request: its JSON body and the data in it (to say which rows did not go out when it fails).</summary>
/// <param name="Body">The request body, uncompressed.</param>
/// <param name="Data">The data it carries, in order.</param>
public sealed record PutMetricDataBatch(byte[] Body, IReadOnlyList<MetricDatum> Data);
