using System.Text;
using System.Text.Json;
using Latency.Reports.Publish;
using Latency.RunDirectory;
using Latency.Tests.Reports;

namespace Latency.Tests.Publish;

/// <summary>
/// EMF lines as the specification reads them: each line a JSON object with the <c>_aws</c> metadata, one directive
/// and its targets on the root; the samples CloudWatch would extract (every array member one sample) are the data's.
/// </summary>
public class EmfWriterTests
{
    private const string Namespace = "Latency";
    private static readonly DateTimeOffset Minute = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_020_000);
    private static readonly KeyValuePair<string, string>[] Row = [new("Suite", "default"), new("Probe", "mumbai"), new("Deployment", "beijing")];

    [Fact]
    public async Task Lines_StudyRun_FollowTheSpecAndCarryEverySampleOfEveryMetric()
    {
        using var directory = new TempDirectory();
        await StudySamples.WriteRunAsync(directory.Path, StudySamples.Study());
        var run = await RunDirectoryReader.ReadAsync(directory.Path);
        var data = RunMetrics.Of(run);

        var extracted = Extract(EmfWriter.Lines(Namespace, data));

        AssertSameSamples(Samples(data), extracted.Samples);
        foreach (var key in data.Select(d => d.MetricKey).Distinct())
        {
            var counted = data.Where(d => d.MetricKey == key).Sum(d => d.Distribution?.SampleCount ?? 1);
            Assert.Equal(counted, extracted.Samples.Where(s => s.Key.Key == key).Sum(s => s.Value.Values.Sum()));
        }

        Assert.All(extracted.Units.Where(u => u.Key.StartsWith(RunMetrics.SessionTime + "|")), u => Assert.Equal("Milliseconds", u.Value));
        Assert.All(extracted.Units.Where(u => u.Key.StartsWith(RunMetrics.Samples + "|")), u => Assert.Equal("Count", u.Value));
        Assert.Contains(extracted.Units.Keys, k => k.StartsWith(RunMetrics.Samples + "|"));
    }

    [Fact]
    public void Lines_DistributionOverTheArrayLimit_ValuesRepeatedByCountOverSeveralLines()
    {
        var datum = new MetricDatum("SessionTime", Row, Minute, "Milliseconds", Distribution: new([1.5, 2.25, 3.125], [150, 120, 1]));

        var lines = EmfWriter.Lines(Namespace, [datum]);

        Assert.Equal(3, lines.Count); // 271 samples: 100, 100, 71
        var extracted = Extract(lines);
        AssertSameSamples(Samples([datum]), extracted.Samples);
        Assert.All(lines, l => Assert.InRange(JsonDocument.Parse(l).RootElement.GetProperty("SessionTime").GetArrayLength(), 1, EmfWriter.MaxValuesPerMetric));
        Assert.Equal(28, EmfWriter.Lines(Namespace, [datum], maxValuesPerMetric: 10).Count);
    }

    [Fact]
    public void Lines_SameDimensionsAndTimestamp_OneLineWithEachMetricAndItsUnit()
    {
        var later = Minute.AddMinutes(1);
        KeyValuePair<string, string>[] other = [.. Row[..2], new("Deployment", "mumbai")];
        MetricDatum[] data =
        [
            new("SessionTime", Row, Minute, "Milliseconds", Distribution: new([120, 130], [2, 1])),
            new("Sessions", Row, Minute, "Count", 3),
            new("FailedSessions", Row, Minute, "Count", 0),
            new("SessionTime", Row, later, "Milliseconds", Distribution: new([125], [1])),
            new("SessionTime", other, Minute, "Milliseconds", Distribution: new([60], [4])),
        ];

        var lines = EmfWriter.Lines(Namespace, data);

        Assert.Equal(3, lines.Count);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        var metrics = first.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
            .Select(m => (m.GetProperty("Name").GetString()!, m.GetProperty("Unit").GetString()!)).ToList();
        Assert.Equal([("SessionTime", "Milliseconds"), ("Sessions", "Count"), ("FailedSessions", "Count")], metrics);
        Assert.Equal(3, first.GetProperty("Sessions").GetDouble());
        Assert.Equal(Minute.ToUnixTimeMilliseconds(), first.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
        Assert.Equal(later.ToUnixTimeMilliseconds(), JsonDocument.Parse(lines[1]).RootElement.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
        Assert.Equal("mumbai", JsonDocument.Parse(lines[2]).RootElement.GetProperty("Deployment").GetString());
        AssertSameSamples(Samples(data), Extract(lines).Samples);
    }

    [Fact]
    public void Lines_ThirtyDimensions_AllInTheSetAndOnTheRoot_ThirtyOneRefused()
    {
        var dimensions = Enumerable.Range(1, 30).Select(i => new KeyValuePair<string, string>($"D{i}", $"v{i}")).ToList();
        var datum = new MetricDatum("Latency", dimensions, Minute, "Milliseconds", 42.5);

        var line = Assert.Single(EmfWriter.Lines(Namespace, [datum]));

        var root = JsonDocument.Parse(line).RootElement;
        var set = root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Equal(dimensions.Select(d => d.Key), set);
        Assert.All(dimensions, d => Assert.Equal(d.Value, root.GetProperty(d.Key).GetString()));
        AssertSameSamples(Samples([datum]), Extract([line]).Samples);
        var tooMany = datum with { Dimensions = [.. dimensions, new("D31", "v31")] };
        Assert.Throws<ArgumentException>(() => EmfWriter.Lines(Namespace, [tooMany]));
    }

    [Fact]
    public void Lines_OverTheEventSize_MetricsSpreadOverLinesWithinIt()
    {
        var data = Enumerable.Range(1, 6)
            .Select(i => new MetricDatum($"Metric{i}", Row, Minute, "Milliseconds", Distribution: new([1000.0 / 3 * i], [50])))
            .ToList();
        const int limit = 2_500; // a metric of 50 samples of 17 digits is about 1 KB: two a line at most

        var lines = EmfWriter.Lines(Namespace, data, maxEventBytes: limit);

        Assert.InRange(lines.Count, 3, 6);
        Assert.All(lines, l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 1, limit));
        AssertSameSamples(Samples(data), Extract(lines).Samples);
        Assert.Single(EmfWriter.Lines(Namespace, data));
    }

    [Fact]
    public void Lines_WhatEmfCannotCarry_Refused()
    {
        Assert.Throws<ArgumentException>(() => EmfWriter.Lines(Namespace, [new MetricDatum("Latency", Row, Minute, "Milliseconds", Distribution: new([1], [0.5]))]));
        Assert.Throws<ArgumentException>(() => EmfWriter.Lines(Namespace, [new MetricDatum("Probe", Row, Minute, "Count", 1)]));
        Assert.Throws<ArgumentException>(() => EmfWriter.Lines(Namespace,
            [new MetricDatum("Latency", Row, Minute, "Milliseconds", 1), new MetricDatum("Latency", Row, Minute, "Seconds", 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmfWriter.Lines(Namespace, [], maxValuesPerMetric: 101));
    }

    [Fact]
    public void Write_EachLineEndedByALineFeed()
    {
        var datum = new MetricDatum("Latency", Row, Minute, "Milliseconds", Distribution: new([5], [150]));
        using var writer = new StringWriter();

        var written = EmfWriter.Write(writer, Namespace, [datum]);

        Assert.Equal(2, written);
        var text = writer.ToString();
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain("\r", text);
        AssertSameSamples(Samples([datum]), Extract(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Samples);
    }

    /// <summary>The same metric keys and timestamps, and for each the same values with the same counts.</summary>
    private static void AssertSameSamples(
        Dictionary<(string Key, long Timestamp), SortedDictionary<double, double>> expected,
        Dictionary<(string Key, long Timestamp), SortedDictionary<double, double>> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, counts) in expected)
        {
            Assert.Equal(counts.ToList(), actual[key].ToList());
        }
    }

    /// <summary>Per metric key and timestamp (ms), how many samples of each value the data stand for.</summary>
    private static Dictionary<(string Key, long Timestamp), SortedDictionary<double, double>> Samples(IEnumerable<MetricDatum> data)
    {
        var samples = new Dictionary<(string, long), SortedDictionary<double, double>>();
        foreach (var datum in data)
        {
            var counts = Counts(samples, (datum.MetricKey, datum.Timestamp.ToUnixTimeMilliseconds()));
            var pairs = datum.Distribution is { } d ? d.Values.Zip(d.Counts) : [(datum.Value!.Value, 1.0)];
            foreach (var (value, count) in pairs)
            {
                counts[value] = counts.GetValueOrDefault(value) + count;
            }
        }

        return samples;
    }

    /// <summary>
    /// Reads <paramref name="lines"/> as CloudWatch Logs would, asserting the spec's structure and limits on each: the
    /// samples per metric key and timestamp (every array member, or a lone number, one sample) and each key's unit.
    /// </summary>
    private static (Dictionary<(string Key, long Timestamp), SortedDictionary<double, double>> Samples, Dictionary<string, string> Units) Extract(IEnumerable<string> lines)
    {
        var samples = new Dictionary<(string, long), SortedDictionary<double, double>>();
        var units = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            Assert.DoesNotContain('\n', line);
            Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, EmfWriter.MaxEventBytes);
            var root = JsonDocument.Parse(line).RootElement;
            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            var metadata = root.GetProperty("_aws");
            Assert.Equal(["CloudWatchMetrics", "Timestamp"], metadata.EnumerateObject().Select(p => p.Name).Order());
            var timestamp = metadata.GetProperty("Timestamp").GetInt64();
            var directive = Assert.Single(metadata.GetProperty("CloudWatchMetrics").EnumerateArray());
            Assert.Equal(["Dimensions", "Metrics", "Namespace"], directive.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(Namespace, directive.GetProperty("Namespace").GetString());
            var set = Assert.Single(directive.GetProperty("Dimensions").EnumerateArray()).EnumerateArray().Select(d => d.GetString()!).ToList();
            Assert.InRange(set.Count, 0, EmfWriter.MaxDimensionsPerSet);
            var dimensions = string.Join("|", set.Select(name => name + "=" + root.GetProperty(name).GetString()));
            var definitions = directive.GetProperty("Metrics").EnumerateArray().ToList();
            Assert.InRange(definitions.Count, 1, EmfWriter.MaxMetricsPerDirective);
            foreach (var definition in definitions)
            {
                Assert.Equal(["Name", "Unit"], definition.EnumerateObject().Select(p => p.Name).Order());
                var name = definition.GetProperty("Name").GetString()!;
                var key = name + "|" + dimensions;
                units[key] = definition.GetProperty("Unit").GetString()!;
                var target = root.GetProperty(name);
                var values = target.ValueKind == JsonValueKind.Array ? target.EnumerateArray().ToList() : [target];
                Assert.InRange(values.Count, 1, EmfWriter.MaxValuesPerMetric);
                var counts = Counts(samples, (key, timestamp));
                foreach (var value in values)
                {
                    Assert.Equal(JsonValueKind.Number, value.ValueKind);
                    counts[value.GetDouble()] = counts.GetValueOrDefault(value.GetDouble()) + 1;
                }
            }
        }

        return (samples, units);
    }

    private static SortedDictionary<double, double> Counts(Dictionary<(string, long), SortedDictionary<double, double>> samples, (string, long) key)
    {
        if (!samples.TryGetValue(key, out var counts))
        {
            samples[key] = counts = new SortedDictionary<double, double>();
        }

        return counts;
    }
}
