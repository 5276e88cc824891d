using System.Text;
using System.Text.Json;
// Lines' working state: the data of one timestamp and dimension set with each metric's samples, and one metric's share
// of a line (aliases of tuples, not types: nothing outside this file sees them).
using DataGroup = (System.DateTimeOffset Timestamp,
    System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string>> Dimensions,
    System.Collections.Generic.List<(string Name, string Unit, System.Collections.Generic.List<double> Samples)> Metrics);
using LineMetric = (string Name, string Unit, double[] Samples);

namespace Latency.Reports.Publish;

/// <summary>
/// The same data <see cref="RunMetrics"/> gives PutMetricData, as CloudWatch embedded metric format (EMF) log lines, for
/// hosts where the CloudWatch agent (or Lambda) ships a log file and CloudWatch Logs extracts the metrics: one JSON
/// object a line with <c>_aws</c> (<c>Timestamp</c> in epoch milliseconds and one <c>CloudWatchMetrics</c> directive:
/// <c>Namespace</c>, <c>Dimensions</c> as one dimension set of the data's dimension names, <c>Metrics</c> with
/// <c>Name</c> and <c>Unit</c>), the dimension values as root string members and each metric's samples as a root
/// member (a number, or an array of numbers).
/// </summary>
/// <remarks>
/// <para>EMF has no counts. The specification allows a metric target only as "a numeric value or an array of numeric
/// values" ("Numeric array metric targets MUST NOT have more than 100 members"), each member one sample; PutMetricData's
/// <c>Counts</c> has no counterpart. So a distribution is written as its values each repeated by its count, split over
/// as many lines as needed at <see cref="MaxValuesPerMetric"/> values a metric: the samples CloudWatch extracts are
/// exactly the data's, and so are the percentiles it computes from them. The cost is size: a minute of 10,000
/// iterations of one row is 100 lines. (The Java EMF client's histogram object with <c>Values</c>/<c>Counts</c> is
/// not in the specification, so it is not used.)</para>
/// <para>Data with the same dimensions and timestamp share lines, one member per metric name (a JSON object cannot
/// repeat a member), at most <see cref="MaxMetricsPerDirective"/> metrics and <see cref="MaxEventBytes"/> bytes a
/// line. The spec's other rules this keeps: at most <see cref="MaxDimensionsPerSet"/> dimension keys a set, dimension
/// targets strings, targets on the root node (so a dimension may not share a name with a metric or be <c>_aws</c>).</para>
/// </remarks>
public static class EmfWriter
{
    /// <summary>The spec's limit on members of a numeric array metric target.</summary>
    public const int MaxValuesPerMetric = 100;

    /// <summary>The spec's limit on MetricDefinition objects in a directive's <c>Metrics</c>.</summary>
    public const int MaxMetricsPerDirective = 100;

    /// <summary>The spec's limit on dimension keys in a DimensionSet (also PutMetricData's per metric).</summary>
    public const int MaxDimensionsPerSet = MetricDatum.MaxDimensions;

    /// <summary>
    /// A line's size at most in UTF-8 bytes: 256 KB, the CloudWatch Logs event limit the spec has long named; newer
    /// pages say 1 MB, so a 256 KB line is accepted under either.
    /// </summary>
    public const int MaxEventBytes = 256 * 1024;

    private const string Metadata = "_aws";

    /// <summary>Writes <see cref="Lines"/> to <paramref name="writer"/>, each followed by a line feed.</summary>
    /// <param name="writer">Where the log lines go (a file the CloudWatch agent tails, standard output on Lambda).</param>
    /// <param name="metricNamespace">The CloudWatch namespace, e.g. <c>Latency</c>.</param>
    /// <param name="data">The data, e.g. <see cref="RunMetrics.Of"/>'s.</param>
    /// <param name="maxValuesPerMetric">Values per metric a line at most (the spec's limit by default; smaller in tests).</param>
    /// <param name="maxEventBytes">Bytes a line at most (<see cref="MaxEventBytes"/> by default; smaller in tests).</param>
    /// <returns>How many lines were written.</returns>
    public static int Write(TextWriter writer, string metricNamespace, IReadOnlyList<MetricDatum> data,
        int maxValuesPerMetric = MaxValuesPerMetric, int maxEventBytes = MaxEventBytes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var lines = Lines(metricNamespace, data, maxValuesPerMetric, maxEventBytes);
        foreach (var line in lines)
        {
            writer.Write(line);
            writer.Write('\n'); // not WriteLine: the agent splits events at \n, and a Windows \r\n would end each event in a stray \r
        }

        return lines.Count;
    }

    /// <summary>
    /// The EMF lines (no line feeds) for <paramref name="data"/>: per dimensions and timestamp, in the order first seen,
    /// as many lines as its largest metric needs at <paramref name="maxValuesPerMetric"/> samples a line.
    /// </summary>
    /// <param name="metricNamespace">The CloudWatch namespace, e.g. <c>Latency</c>.</param>
    /// <param name="data">The data, e.g. <see cref="RunMetrics.Of"/>'s.</param>
    /// <param name="maxValuesPerMetric">Values per metric a line at most (the spec's limit by default; smaller in tests).</param>
    /// <param name="maxEventBytes">Bytes a line at most (<see cref="MaxEventBytes"/> by default; smaller in tests).</param>
    /// <exception cref="ArgumentException">A datum the spec cannot carry: more than <see cref="MaxDimensionsPerSet"/>
    /// dimensions, a dimension named like a metric of its line or <c>_aws</c>, a count that is not a whole number, a
    /// metric name with two units in one line, neither value nor distribution; or a single metric's line over
    /// <paramref name="maxEventBytes"/>.</exception>
    public static IReadOnlyList<string> Lines(string metricNamespace, IReadOnlyList<MetricDatum> data,
        int maxValuesPerMetric = MaxValuesPerMetric, int maxEventBytes = MaxEventBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricNamespace);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxValuesPerMetric);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxValuesPerMetric, MaxValuesPerMetric);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEventBytes);
        var lines = new List<string>();
        foreach (var group in Groups(data))
        {
            var chunks = group.Metrics.Select(m => m.Samples.Chunk(maxValuesPerMetric).ToList()).ToList();
            for (var line = 0; line < chunks.Max(c => c.Count); line++)
            {
                var members = group.Metrics.Select((m, i) => (m.Name, m.Unit, Chunks: chunks[i]))
                    .Where(m => line < m.Chunks.Count)
                    .Select(m => (m.Name, m.Unit, Samples: m.Chunks[line]))
                    .ToList();
                foreach (var part in members.Chunk(MaxMetricsPerDirective))
                {
                    AddWithinSize(lines, metricNamespace, group, part, maxEventBytes);
                }
            }
        }

        return lines;
    }

    /// <summary>One line, or halves of it until each fits <paramref name="maxEventBytes"/> (a metric keeps its samples together).</summary>
    private static void AddWithinSize(List<string> lines, string metricNamespace, DataGroup group, IReadOnlyList<LineMetric> metrics, int maxEventBytes)
    {
        var line = Line(metricNamespace, group, metrics);
        if (Encoding.UTF8.GetByteCount(line) <= maxEventBytes)
        {
            lines.Add(line);
            return;
        }

        if (metrics.Count == 1)
        {
            throw new ArgumentException($"metric {metrics[0].Name} alone makes a line of {Encoding.UTF8.GetByteCount(line)} bytes, " +
                                        $"over the limit of {maxEventBytes}", nameof(maxEventBytes));
        }

        var half = metrics.Count / 2;
        AddWithinSize(lines, metricNamespace, group, [.. metrics.Take(half)], maxEventBytes);
        AddWithinSize(lines, metricNamespace, group, [.. metrics.Skip(half)], maxEventBytes);
    }

    private static string Line(string metricNamespace, DataGroup group, IReadOnlyList<LineMetric> metrics)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject(Metadata);
            json.WriteNumber("Timestamp", group.Timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metricNamespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var (name, _) in group.Dimensions)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var metric in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", metric.Name);
                json.WriteString("Unit", metric.Unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (name, value) in group.Dimensions)
            {
                json.WriteString(name, value);
            }

            foreach (var metric in metrics)
            {
                // Doubles as the shortest text that reads back as the same double: the extracted samples are ours exactly.
                if (metric.Samples.Length == 1)
                {
                    json.WriteNumber(metric.Name, metric.Samples[0]);
                    continue;
                }

                json.WriteStartArray(metric.Name);
                foreach (var sample in metric.Samples)
                {
                    json.WriteNumberValue(sample);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The data by timestamp and dimensions (names, values and order), in the order first seen; per group its metrics' samples.</summary>
    private static List<DataGroup> Groups(IReadOnlyList<MetricDatum> data)
    {
        var groups = new List<DataGroup>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var datum in data)
        {
            ArgumentNullException.ThrowIfNull(datum, nameof(data));
            if (datum.Dimensions.Count > MaxDimensionsPerSet)
            {
                throw new ArgumentException($"datum {datum.MetricKey} has {datum.Dimensions.Count} dimensions; a DimensionSet holds at most {MaxDimensionsPerSet}", nameof(data));
            }

            var key = datum.Timestamp.ToUnixTimeMilliseconds() + JsonSerializer.Serialize(datum.Dimensions.Select(d => new[] { d.Key, d.Value }));
            if (!byKey.TryGetValue(key, out var index))
            {
                byKey[key] = index = groups.Count;
                groups.Add((datum.Timestamp, datum.Dimensions, new List<(string, string, List<double>)>()));
            }

            var metrics = groups[index].Metrics;
            var metric = metrics.FirstOrDefault(m => m.Name == datum.MetricName);
            if (metric.Name is null)
            {
                if (datum.MetricName == Metadata || datum.Dimensions.Any(d => d.Key == datum.MetricName || d.Key == Metadata))
                {
                    throw new ArgumentException($"datum {datum.MetricKey}: its name and its dimensions' are root members of one line and must differ, and none may be {Metadata}", nameof(data));
                }

                metric = (datum.MetricName, datum.Unit, new List<double>());
                metrics.Add(metric);
            }
            else if (metric.Unit != datum.Unit)
            {
                throw new ArgumentException($"datum {datum.MetricKey} is in {datum.Unit}, another of its metric and minute in {metric.Unit}; a line gives a metric one unit", nameof(data));
            }

            AddSamples(metric.Samples, datum);
        }

        return groups;
    }

    /// <summary>A single value once; a distribution's values each as many times as counted (EMF has no counts).</summary>
    private static void AddSamples(List<double> samples, MetricDatum datum)
    {
        if (datum.Distribution is { } distribution)
        {
            foreach (var (value, count) in distribution.Values.Zip(distribution.Counts))
            {
                if (count < 0 || count != Math.Floor(count) || double.IsInfinity(count))
                {
                    throw new ArgumentException($"datum {datum.MetricKey} counts {count} of {value}: EMF can only repeat a value a whole number of times", nameof(datum));
                }

                for (long i = 0; i < (long)count; i++)
                {
                    samples.Add(value);
                }
            }
        }
        else if (datum.Value is { } value)
        {
            samples.Add(value);
        }
        else
        {
            throw new ArgumentException($"datum {datum.MetricKey} has neither a value nor a distribution", nameof(datum));
        }
    }
}
