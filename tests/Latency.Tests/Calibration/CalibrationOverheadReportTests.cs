using System.Text.Json;
using Latency.Bench.Calibration;
using Latency.Reports.Study;
using Latency.Tests.Reports;
using Latency.World.Emulation;
using Latency.World.Runtime;

namespace Latency.Tests.Calibration;

/// <summary>
/// The emulator's forwarding overhead travels from what <c>latency calibrate</c> writes (the engine's records) to what
/// the report reads and says: one contract, two sets of records, checked end to end through calibration.json.
/// </summary>
public class CalibrationOverheadReportTests
{
    private static CalibrationReport Report(ForwardingOverhead? compensation, ForwardingOverhead? residual) => new()
    {
        World = "asia",
        Profile = "typical",
        Backend = "tun",
        MeasuredUtc = new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero),
        Emulator = new EmulatorStats(DateTimeOffset.UnixEpoch, true, 14_802, 3, 0, 0, 1.4, 812.5, 1_200, 1_400, compensation),
        ResidualOverhead = residual,
        Paths =
        [
            new PathCalibration { Probe = "mumbai", Deployment = "beijing", ConfiguredRttMs = 95.5, ConnectP50Ms = 95.6 },
        ],
    };

    private static async Task<string> ReportMarkdownAsync(CalibrationReport calibration)
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());
        await File.WriteAllTextAsync(run.File(CalibrationReport.FileName), JsonSerializer.Serialize(calibration, WorldDirectory.Json));
        await StudyReportWriter.WriteAsync(run.Path, output.Path, CancellationToken.None);
        return await File.ReadAllTextAsync(output.File("report.md"));
    }

    [Fact]
    public async Task Report_CompensationAndResidual_SaysBothWithThePathAndLateness()
    {
        var compensation = new ForwardingOverhead("mumbai", "mumbai-aws", new DirectionOverhead(0.158, 0.259, 60), new DirectionOverhead(0.142, 0.232, 60));
        var residual = new ForwardingOverhead("mumbai", "mumbai-aws", new DirectionOverhead(0.012, 0.08, 40), new DirectionOverhead(-0.021, 0.05, 40));

        var markdown = await ReportMarkdownAsync(Report(compensation, residual));

        Assert.Contains("The emulator's own forwarding time, measured when the world came up (mumbai/mumbai-aws), was 0.158 ms up and 0.142 ms down (medians)", markdown);
        Assert.Contains("Measured again at calibration, 0.012 ms up and -0.021 ms down were left.", markdown);
        Assert.Contains("1.4 us after their due time at the median and 812.5 us at p99 (14,802 packets)", markdown);
    }

    [Fact]
    public async Task Report_NoCompensationMeasured_OnlyLatenessSaid()
    {
        var markdown = await ReportMarkdownAsync(Report(null, null));

        Assert.DoesNotContain("forwarding time", markdown);
        Assert.Contains("812.5 us at p99", markdown);
    }

    [Fact]
    public void CalibrationFile_ReadsWhatCalibrateWrites_OverheadFields()
    {
        var compensation = new ForwardingOverhead("p", "d5", new DirectionOverhead(0.2, 0.3, 60), new DirectionOverhead(0.1, 0.25, 59));
        var json = JsonSerializer.Serialize(Report(compensation, null), WorldDirectory.Json);

        var table = JsonSerializer.Deserialize<CalibrationTable>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        })!;

        Assert.Equal(0.2, table.Emulator!.Compensation!.Up!.MedianMs);
        Assert.Equal(59, table.Emulator.Compensation.Down!.Samples);
        Assert.Equal("d5", table.Emulator.Compensation.Deployment);
        Assert.Null(table.ResidualOverhead);
    }
}
