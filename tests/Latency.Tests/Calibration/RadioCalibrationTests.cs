using Latency.Bench.Calibration;
using Latency.Bench.Cli;
using Latency.RunDirectory;
using Latency.Tests.Reports;

namespace Latency.Tests.Calibration;

/// <summary>What calibration concludes from handset connect times, and how it records and prints it.</summary>
public class RadioCalibrationTests
{
    [Fact]
    public void Promotion_IdleAndActiveConnects_DifferenceOfMedians()
    {
        var (idle, active, promotion) = RadioEstimate.Promotion([330, 310, 320, 900], [60, 50, 70, 55]);

        Assert.Equal(320, idle); // nearest-rank median of 310, 320, 330, 900: the lost SYN's 900 does not count
        Assert.Equal(55, active);
        Assert.Equal(265, promotion);
    }

    [Fact]
    public void Promotion_NoSamples_NaN()
    {
        var (_, _, promotion) = RadioEstimate.Promotion([], [50]);

        Assert.True(double.IsNaN(promotion));
    }

    [Theory]
    [InlineData(180, 50, 260, false)] // 130 ms over the active median: less than half a promotion
    [InlineData(181, 50, 260, true)]
    [InlineData(320, 50, 260, true)]
    [InlineData(320, 50, 0, null)] // no promotion configured: nothing to tell apart
    [InlineData(320, double.NaN, 260, null)]
    public void Promoted_AgainstHalfTheConfiguredPromotion(double connect, double active, double configured, bool? expected) =>
        Assert.Equal(expected, RadioEstimate.Promoted(connect, active, configured));

    [Fact]
    public async Task CalibrationFile_Radio_RoundTripsInSnakeCase()
    {
        using var directory = new TempDirectory();
        var table = new CalibrationTable { World = "asia", Radio = [Radio(false, true)] };

        await CalibrationFile.WriteAsync(directory.Path, table);
        var text = await File.ReadAllTextAsync(Path.Combine(directory.Path, CalibrationTable.FileName));
        var problems = new List<RunDirectoryProblem>();
        var read = await CalibrationFile.ReadAsync(directory.Path, problems);

        Assert.Contains("\"measured_promotion_ms\": 262.4", text);
        Assert.Contains("\"promoted_before_tail\": false", text);
        Assert.Empty(problems);
        Assert.Equal(table.Radio[0], Assert.Single(read!.Radio));
    }

    [Theory]
    [InlineData(false, true, "as configured (connected at 0.9 x tail, idle at 1.1 x)")]
    [InlineData(true, true, "NOT as configured: promoted at 0.9 x tail: yes, at 1.1 x: yes")]
    [InlineData(false, false, "NOT as configured: promoted at 0.9 x tail: no, at 1.1 x: no")]
    public void Print_Radio_ConfiguredMeasuredAndTailVerdict(bool before, bool after, string verdict)
    {
        using var output = new StringWriter();

        CalibrationPrinter.Print(output, new CalibrationTable { World = "asia", Radio = [Radio(before, after)] });

        var line = output.ToString().Split('\n').Single(l => l.TrimStart().StartsWith("mumbai", StringComparison.Ordinal));
        Assert.Contains("260.00", line);
        Assert.Contains("262.40", line);
        Assert.EndsWith(verdict, line.TrimEnd());
    }

    [Fact]
    public void Print_NoRadio_NoRadioTable()
    {
        using var output = new StringWriter();

        CalibrationPrinter.Print(output, new CalibrationTable { World = "asia" });

        Assert.DoesNotContain("Handset radio", output.ToString());
    }

    private static CalibrationRadio Radio(bool before, bool after) => new()
    {
        Probe = "mumbai",
        Deployment = "mumbai",
        ConfiguredPromotionMs = 260,
        IdleConnectP50Ms = 307.4,
        ActiveConnectP50Ms = 45,
        MeasuredPromotionMs = 262.4,
        Samples = 10,
        ConfiguredTailMs = 10_120,
        PromotedBeforeTail = before,
        PromotedAfterTail = after,
    };
}
