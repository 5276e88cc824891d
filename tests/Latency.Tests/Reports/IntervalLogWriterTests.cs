using System.Text;
using HdrHistogram;
using Latency.RunDirectory;
using Xunit;
using static Latency.Tests.Reports.HistogramSamples;

namespace Latency.Tests.Reports;

public sealed class IntervalLogWriterTests
{
    private const string Tag = "checkout/-/corrected";

    [Fact]
    public void Append_AnyHistograms_WritesAsciiWithoutBomAndLfLineEnds()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.hlog");
        using (var writer = IntervalLogWriter.Create(path, RunStart))
        {
            writer.Append(Interval(Tag, 0, 100, 2_000, 3_000_000));
            writer.Append(Interval("checkout/login/ttfb", 0, 42));
        }

        var bytes = File.ReadAllBytes(path);
        Assert.All(bytes, b => Assert.True(b < 0x80, $"byte 0x{b:X2} is not ASCII"));
        Assert.False(bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE, "UTF-16 BOM");
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "UTF-8 BOM");
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.DoesNotContain((byte)0, bytes);
        Assert.Equal((byte)'\n', bytes[^1]);

        var lines = Encoding.ASCII.GetString(bytes).Split('\n');
        Assert.Equal("#[Histogram log format version 1.3]", lines[0]);
        Assert.StartsWith("#[StartTime: 1700000000.000 (seconds since epoch), 2023-11-14T22:13:20", lines[1]);
        Assert.Equal("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"", lines[2]);
        Assert.Equal(IntervalLogWriter.FormatComment, lines[3]);
        Assert.StartsWith("Tag=checkout/-/corrected,1700000000.123,1.000,", lines[4]);
        Assert.StartsWith("Tag=checkout/login/ttfb,1700000000.123,1.000,", lines[5]);
        Assert.Equal(7, lines.Length); // 6 lines and the empty rest after the last '\n'
    }

    [Fact]
    public void Append_EachHistogram_IsOnDiskBeforeDispose()
    {
        using var dir = new TempDirectory();
        var path = dir.File("live.hlog");
        using var writer = IntervalLogWriter.Create(path, RunStart);
        writer.Append(Interval(Tag, 0, 100));

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        Assert.Contains("Tag=checkout/-/corrected,", text);
        Assert.EndsWith("\n", text);
    }

    [Fact]
    public void Create_UnderGermanCulture_WritesDotDecimals()
    {
        using var dir = new TempDirectory();
        var path = dir.File("de.hlog");
        WithCulture(GermanNumbers(), () =>
        {
            // The culture really formats with ',' here; otherwise this test would prove nothing.
            Assert.Equal("1,500", 1.5.ToString("F3"));
            using var writer = IntervalLogWriter.Create(path, RunStart);
            writer.Append(Interval(Tag, 0, 1_500_000));
            return 0;
        });

        var lines = File.ReadAllLines(path);
        Assert.StartsWith("#[StartTime: 1700000000.000 ", lines[1]);
        Assert.StartsWith("Tag=checkout/-/corrected,1700000000.123,1.000,1.500,", lines[4]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("checkout")]
    [InlineData("checkout/-/")]
    [InlineData("checkout/-/corrected/extra")]
    [InlineData("caf\u00e9/-/corrected")]
    // Commas and whitespace are already refused by HdrHistogram's Tag setter.
    public void Append_InvalidTag_ThrowsAndWritesNothing(string? tag)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.hlog");
        using (var writer = IntervalLogWriter.Create(path, RunStart))
        {
            var histogram = Interval("x/-/corrected", 0, 1);
            histogram.Tag = tag;
            Assert.Throws<ArgumentException>(() => writer.Append(histogram));
        }

        Assert.Equal(4, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Create_WithComments_WritesThemAfterTheHeader()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.hlog");
        using (IntervalLogWriter.Create(path, RunStart, ["[suite: handset.yaml]"]))
        {
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal("#[suite: handset.yaml]", lines[4]);
    }
}
