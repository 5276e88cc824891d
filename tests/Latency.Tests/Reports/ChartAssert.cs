using System.Buffers.Binary;
using Latency.Reports.Charts;

namespace Latency.Tests.Reports;

internal static class ChartAssert
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG (signature, IHDR first) of the report's size, and an SVG of the same size.</summary>
    public static void ValidImages(RenderedChart chart)
    {
        Assert.Equal(PngSignature, chart.Png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), chart.Png[12..16]);
        Assert.Equal(ChartStyle.Width, BinaryPrimitives.ReadInt32BigEndian(chart.Png.AsSpan(16, 4)));
        Assert.Equal(ChartStyle.Height, BinaryPrimitives.ReadInt32BigEndian(chart.Png.AsSpan(20, 4)));
        Assert.InRange(chart.Png.Length, 10_000, 2_000_000);
        Assert.Contains("<svg", chart.Svg);
        Assert.Contains($"width=\"{ChartStyle.Width}\"", chart.Svg);
        Assert.Equal((chart.Width, chart.Height), (ChartStyle.Width, ChartStyle.Height));
        Save(chart);
    }

    /// <summary>Writes the chart to $LATENCY_CHART_SAMPLES, when set, to look at it (never into the repository).</summary>
    private static void Save(RenderedChart chart)
    {
        var directory = Environment.GetEnvironmentVariable("LATENCY_CHART_SAMPLES");
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, chart.Name + ".png"), chart.Png);
        File.WriteAllText(Path.Combine(directory, chart.Name + ".svg"), chart.Svg);
    }
}
