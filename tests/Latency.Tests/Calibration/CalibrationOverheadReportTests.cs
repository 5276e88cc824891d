using System.Text.Json;
using System.Text.Json.Nodes;
using Latency.Bench.Calibration;
using Latency.Reports.Study;
using Latency.RunDirectory;
using Latency.Tests.Reports;
using Latency.World.Emulation;
using Latency.World.Runtime;

namespace Latency.Tests.Calibration;

/// <summary>
/// The emulator's forwarding overhead travels from the world's figures through what <c>latency calibrate</c> writes
/// (one calibration.json model, in the run-directory project) to what the report reads and says.
/// </summary>
public class CalibrationOverheadReportTests
{
    private static EmulatorStats Stats(ForwardingOverhead? compensation) =>
        new(DateTimeOffset.UnixEpoch, true, 14_802, 3, 0, 0, 1.4, 812.5, 1_200, 1_400, compensation);

    private static CalibrationTable Report(ForwardingOverhead? compensation, ForwardingOverhead? residual) => new()
    {
        World = "asia",
        Profile = "typical",
        Backend = NetworkBackend.Tun,
        MeasuredUtc = new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero),
        Emulator = CalibrationRecords.Emulator(Stats(compensation)),
        ResidualOverhead = CalibrationRecords.Overhead(residual),
        Paths =
        [
            new CalibrationPath { Probe = "mumbai", Deployment = "beijing", ConfiguredRttMs = 95.5, ConnectP50Ms = 95.6 },
        ],
    };

    private static async Task<string> ReportMarkdownAsync(CalibrationTable calibration)
    {
        using var run = new TempDirectory();
        using var output = new TempDirectory();
        await StudySamples.WriteRunAsync(run.Path, StudySamples.Study());
        await CalibrationFile.WriteAsync(run.Path, calibration);
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

    /// <summary>
    /// calibration.json keeps its format now that one model writes and reads it: the same JSON as when the engine wrote
    /// the world's own records (EmulatorStats, ForwardingOverhead) with the world's JSON options, so files written
    /// before read the same.
    /// </summary>
    [Fact]
    public void Write_SameJsonAsTheWorldsRecordsWrote()
    {
        var compensation = new ForwardingOverhead("mumbai", "mumbai-aws", new DirectionOverhead(0.158, 0.259, 60), new DirectionOverhead(0.142, 0.232, 60));
        var measured = new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero);
        var before = new
        {
            SchemaVersion = 1, World = "asia", Profile = "typical", Backend = NetworkBackend.Tun, MeasuredUtc = measured,
            Emulator = Stats(compensation), ResidualOverhead = compensation,
            Paths = new[]
            {
                new
                {
                    Probe = "mumbai", Deployment = "beijing", ConfiguredRttMs = 95.5, ConnectP50Ms = (double?)95.6, ConnectP99Ms = (double?)97.5,
                    ConnectSamples = 5, RequestP50Ms = (double?)96.9, ConfiguredDownMbps = (double?)20.0, MeasuredDownMbps = (double?)null,
                    ConfiguredUpMbps = (double?)5.0, MeasuredUpMbps = (double?)null, ConfiguredLossUpPct = 1.0, MeasuredLossUpPct = (double?)0.95,
                    ConfiguredLossDownPct = 1.0, MeasuredLossDownPct = (double?)1.05, LossProbes = 500, Notes = new[] { "a note" },
                },
            },
            Radio = Array.Empty<object>(), // added with the handset radio: an empty list where nothing was measured
        };
        var now = Report(compensation, compensation) with
        {
            Paths =
            [
                new CalibrationPath
                {
                    Probe = "mumbai", Deployment = "beijing", ConfiguredRttMs = 95.5, ConnectP50Ms = 95.6, ConnectP99Ms = 97.5, ConnectSamples = 5,
                    RequestP50Ms = 96.9, ConfiguredDownMbps = 20.0, ConfiguredUpMbps = 5.0, ConfiguredLossUpPct = 1.0, MeasuredLossUpPct = 0.95,
                    ConfiguredLossDownPct = 1.0, MeasuredLossDownPct = 1.05, LossProbes = 500, Notes = ["a note"],
                },
            ],
        };

        var expected = JsonNode.Parse(JsonSerializer.Serialize(before, WorldDirectory.Json));
        var actual = JsonNode.Parse(JsonSerializer.Serialize(now, RunDirectoryJson.Options));

        Assert.True(JsonNode.DeepEquals(expected, actual), $"before:\n{expected}\nnow:\n{actual}");
    }
}
