using System.Globalization;
using System.Text;
using System.Text.Json;
using Latency.Reports.Publish;

namespace Latency.Bench.Publish;

/// <summary>
/// PutMetricData request bodies in the AWS JSON 1.0 protocol (the <c>X-Amz-Target:
/// GraniteServiceVersion20100801.PutMetricData</c> form of the CloudWatch service model): <c>Namespace</c> and
/// <c>MetricData</c>, each datum with <c>MetricName</c>, <c>Dimensions</c> (<c>Name</c>/<c>Value</c>), <c>Timestamp</c>
/// (epoch seconds, as the JSON protocol writes timestamps), <c>Unit</c> and <c>Value</c> or <c>Values</c>/<c>Counts</c>.
/// Split so that no request has more than <see cref="MaxDataPerRequest"/> data or <see cref="MaxRequestBytes"/> bytes of
/// body, the service's limits; every datum goes out exactly once, in order.
/// </summary>
/// <remarks>Written by hand: AWSSDK.CloudWatch, whose marshaller does this, is not served here.</remarks>
public static class PutMetricDataBatches
{
    /// <summary>PutMetricData's limit on data per request.</summary>
    public const int MaxDataPerRequest = 1_000;

    /// <summary>PutMetricData's limit on a request body (1 MB), kept for the uncompressed body.</summary>
    public const int MaxRequestBytes = 1_000_000;

    /// <summary>The requests for <paramref name="data"/> in <paramref name="metricNamespace"/>: each body with the data it carries.</summary>
    /// <param name="metricNamespace">The CloudWatch namespace, e.g. <c>Latency</c>.</param>
    /// <param name="data">The data, in the order to send them.</param>
    /// <param name="maxData">Data per request at most (the service's limit by default; smaller in tests).</param>
    /// <param name="maxBytes">Body bytes per request at most (the service's limit by default; smaller in tests).</param>
    /// <exception cref="ArgumentException">A single datum is larger than <paramref name="maxBytes"/> on its own.</exception>
    public static IReadOnlyList<PutMetricDataBatch> Build(string metricNamespace, IReadOnlyList<MetricDatum> data, int maxData = MaxDataPerRequest,
        int maxBytes = MaxRequestBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricNamespace);
        ArgumentNullException.ThrowIfNull(data);
        var envelope = Encoding.UTF8.GetByteCount(Envelope(metricNamespace, ""));
        var bodies = new List<PutMetricDataBatch>();
        var batch = new List<string>();
        var batchData = new List<MetricDatum>();
        var batchBytes = envelope;
        foreach (var datum in data)
        {
            var json = Datum(datum);
            var bytes = Encoding.UTF8.GetByteCount(json) + 1; // and its comma
            if (envelope + bytes > maxBytes)
            {
                throw new ArgumentException($"datum {datum.MetricKey} alone is {bytes} bytes, over the request limit of {maxBytes}", nameof(data));
            }

            if (batch.Count == maxData || batchBytes + bytes > maxBytes)
            {
                bodies.Add(new PutMetricDataBatch(Encoding.UTF8.GetBytes(Envelope(metricNamespace, string.Join(',', batch))), batchData.ToList()));
                batch.Clear();
                batchData.Clear();
                batchBytes = envelope;
            }

            batch.Add(json);
            batchData.Add(datum);
            batchBytes += bytes;
        }

        if (batch.Count > 0)
        {
            bodies.Add(new PutMetricDataBatch(Encoding.UTF8.GetBytes(Envelope(metricNamespace, string.Join(',', batch))), batchData.ToList()));
        }

        return bodies;
    }

    private static string Envelope(string metricNamespace, string data) =>
        $"{{\"Namespace\":{JsonSerializer.Serialize(metricNamespace)},\"MetricData\":[{data}]}}";

    private static string Datum(MetricDatum datum)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("MetricName", datum.MetricName);
            json.WriteStartArray("Dimensions");
            foreach (var (name, value) in datum.Dimensions)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Value", value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("Timestamp", datum.Timestamp.ToUnixTimeSeconds());
            json.WriteString("Unit", datum.Unit);
            if (datum.Distribution is { } distribution)
            {
                WriteNumbers(json, "Values", distribution.Values, "G6");
                WriteNumbers(json, "Counts", distribution.Counts, "R");
            }
            else
            {
                json.WriteNumber("Value", datum.Value ?? 0);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <param name="json">Where to write.</param>
    /// <param name="name">The array's name.</param>
    /// <param name="numbers">Its numbers.</param>
    /// <param name="format">"G6" for values (six significant digits, far finer than their 0.85% bins, and a 150-value
    /// datum stays small), "R" for counts (exact: a count rounded would change the sample total).</param>
    private static void WriteNumbers(Utf8JsonWriter json, string name, IReadOnlyList<double> numbers, string format)
    {
        json.WriteStartArray(name);
        foreach (var number in numbers)
        {
            json.WriteRawValue(number.ToString(format, CultureInfo.InvariantCulture));
        }

        json.WriteEndArray();
    }
}
