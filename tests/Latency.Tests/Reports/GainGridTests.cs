using Latency.Reports.Charts;
using Latency.Reports.Study;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class GainGridTests
{
    private static long[] Around(long us, int n = 60) => Enumerable.Range(0, n).Select(i => us + i * (us / 100)).ToArray();

    private static GainGrid GridOf(Dictionary<string, long[]> sessions, string? main = "app-cold-start")
    {
        var run = HeatmapChartTests.RunOf(sessions);
        return GainGrid.From(RowStatistics.From(StudySummary.From(run), run), main)!;
    }

    [Fact]
    public void From_RowsByMainWorkloadGainColumnsMainFirstThenByLabel()
    {
        var grid = GridOf(new Dictionary<string, long[]>
        {
            ["mumbai.app-cold-start/beijing/uncorrected"] = Around(2_000_000),
            ["mumbai.app-cold-start/mumbai/uncorrected"] = Around(1_000_000),
            ["mumbai.push-heartbeat/beijing/uncorrected"] = Around(200_000),
            ["mumbai.push-heartbeat/mumbai/uncorrected"] = Around(50_000),
            ["mumbai.account-login/beijing/uncorrected"] = Around(900_000),
            ["mumbai.account-login/mumbai/uncorrected"] = Around(300_000),
            ["jakarta.app-cold-start/beijing/uncorrected"] = Around(2_000_000),
            ["jakarta.app-cold-start/jakarta/uncorrected"] = Around(400_000),
        });

        Assert.Equal(["app-cold-start", "account-login", "push-heartbeat"], grid.Workloads);
        Assert.Equal(["jakarta", "mumbai"], grid.Rows.Select(r => r.Probe));
        var jakarta = grid.Rows[0];
        Assert.Equal("5.0x", jakarta.Cells[0]!.Value);
        Assert.Null(jakarta.Cells[1]);
        var mumbaiHeartbeat = grid.Rows[1].Cells[2]!;
        Assert.Equal(StudyVerdict.Faster, mumbaiHeartbeat.Verdict);
        Assert.Equal("4.0x", mumbaiHeartbeat.Value);
        Assert.Matches(@"^\d\.\d-\d\.\dx$", mumbaiHeartbeat.Detail);
        Assert.Equal(GainScale.Colours(StudyVerdict.Faster, 4.0), (mumbaiHeartbeat.Fill, mumbaiHeartbeat.TextColour));
        Assert.False(mumbaiHeartbeat.LowConfidence);
    }

    [Fact]
    public void Cell_NoDifferenceAndTooFewSessions_GreyAndSaidInWords()
    {
        var grid = GridOf(new Dictionary<string, long[]>
        {
            ["manila.app-cold-start/beijing/uncorrected"] = Around(1_000_000),
            ["manila.app-cold-start/hong-kong/uncorrected"] = Around(1_000_000),
            ["manila.ota-check/beijing/uncorrected"] = Around(1_000_000, n: 3),
            ["manila.ota-check/hong-kong/uncorrected"] = Around(200_000, n: 3),
        });

        var same = grid.Rows[0].Cells[0]!;
        Assert.Equal((GainScale.NeutralFill, "no clear difference"), (same.Fill, same.Detail));
        var few = grid.Rows[0].Cells[1]!;
        Assert.Equal((GainScale.NeutralFill, "too few sessions", true), (few.Fill, few.Detail, few.LowConfidence));
        Assert.Equal("5.0x", few.Value);
    }

    [Theory]
    [InlineData(StudyVerdict.Faster, 1.2, "#eff3ff")]
    [InlineData(StudyVerdict.Faster, 1.5, "#bdd7e7")]
    [InlineData(StudyVerdict.Faster, 3.9, "#3182bd")]
    [InlineData(StudyVerdict.Faster, 12.0, "#08519c")]
    [InlineData(StudyVerdict.Slower, 0.4, "#e6550d")]
    [InlineData(StudyVerdict.NoDifference, 3.0, GainScale.NeutralFill)]
    [InlineData(StudyVerdict.TooFewSamples, 3.0, GainScale.NeutralFill)]
    public void GainScale_FillByVerdictThenClass(string verdict, double gain, string fill)
    {
        Assert.Equal(fill, GainScale.Colours(verdict, gain).Fill);
    }
}
