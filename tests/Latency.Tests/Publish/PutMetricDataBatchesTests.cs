using System.Text.Json;
using Latency.Bench.Publish;
using Latency.Reports.Publish;

namespace Latency.Tests.Publish;

/// <summary>PutMetricData bodies in the JSON 1.0 protocol: the fields, the limits, every datum once.</summary>
public class PutMetricDataBatchesTests
{
    private static readonly DateTimeOffset Minute = new(2026, 12, 2, 2, 13, 0, TimeSpan.Zero);

    [Fact]
    public void Build_DistributionAndValue_FieldsOfTheServiceModel()
    {
        MetricDatum[] data =
        [
            new("SessionTime", [new("Suite", "default"), new("Probe", "mumbai")], Minute, "Milliseconds",
                Distribution: new MetricDistribution([40.3, 402.5], [1_234_567, 3])),
            new("Sessions", [new("Suite", "default")], Minute, "Count", 1_234_570),
        ];

        var body = Assert.Single(PutMetricDataBatches.Build("Latency", data)).Body;
        using var json = JsonDocument.Parse(body);

        Assert.Equal("Latency", json.RootElement.GetProperty("Namespace").GetString());
        var first = json.RootElement.GetProperty("MetricData")[0];
        Assert.Equal("SessionTime", first.GetProperty("MetricName").GetString());
        Assert.Equal("Probe", first.GetProperty("Dimensions")[1].GetProperty("Name").GetString());
        Assert.Equal("mumbai", first.GetProperty("Dimensions")[1].GetProperty("Value").GetString());
        Assert.Equal(Minute.ToUnixTimeSeconds(), first.GetProperty("Timestamp").GetInt64());
        Assert.Equal("Milliseconds", first.GetProperty("Unit").GetString());
        Assert.Equal([40.3, 402.5], first.GetProperty("Values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([1_234_567.0, 3.0], first.GetProperty("Counts").EnumerateArray().Select(v => v.GetDouble())); // exact
        Assert.False(first.TryGetProperty("Value", out _));
        var second = json.RootElement.GetProperty("MetricData")[1];
        Assert.Equal(1_234_570, second.GetProperty("Value").GetDouble());
        Assert.False(second.TryGetProperty("Values", out _));
    }

    [Theory]
    [InlineData(2_500, 1_000_000, 1_000)] // the data limit decides
    [InlineData(2_500, 20_000, 0)] // the byte limit decides
    public void Build_ManyData_WithinBothLimitsEveryDatumOnceInOrder(int count, int maxBytes, int expectedFullBatch)
    {
        var data = Enumerable.Range(0, count)
            .Select(i => new MetricDatum("Sessions", [new("Suite", "default"), new("Row", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], Minute, "Count", i))
            .ToList();

        var bodies = PutMetricDataBatches.Build("Latency", data, maxBytes: maxBytes);

        var sent = new List<double>();
        foreach (var (body, carried) in bodies)
        {
            Assert.True(body.Length <= maxBytes, $"{body.Length} bytes");
            using var json = JsonDocument.Parse(body);
            var batch = json.RootElement.GetProperty("MetricData").EnumerateArray().Select(d => d.GetProperty("Value").GetDouble()).ToList();
            Assert.InRange(batch.Count, 1, PutMetricDataBatches.MaxDataPerRequest);
            Assert.Equal(carried.Select(d => d.Value!.Value), batch); // what the request says it carries is what it carries
            sent.AddRange(batch);
        }

        Assert.Equal(data.Select(d => d.Value!.Value), sent);
        if (expectedFullBatch > 0)
        {
            Assert.Equal(3, bodies.Count);
        }
        else
        {
            Assert.True(bodies.Count > 3, $"{bodies.Count} requests of at most {maxBytes} bytes");
        }
    }

    [Fact]
    public void Build_DatumLargerThanARequest_SaysWhich()
    {
        var big = new MetricDatum("SessionTime", [new("Suite", "default")], Minute, "Milliseconds",
            Distribution: new MetricDistribution([.. Enumerable.Range(1, 150).Select(i => i * 1.5)], [.. Enumerable.Repeat(1.0, 150)]));

        var error = Assert.Throws<ArgumentException>(() => PutMetricDataBatches.Build("Latency", [big], maxBytes: 500));

        Assert.Contains("SessionTime|Suite=default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoData_NoRequest()
    {
        Assert.Empty(PutMetricDataBatches.Build("Latency", []));
    }
}
