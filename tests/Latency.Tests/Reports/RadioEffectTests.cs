using HdrHistogram;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Tests.Reports;

/// <summary>The report's radio figures: share of the sessions and the gain with and without the radio's time.</summary>
public class RadioEffectTests
{
    [Fact]
    public void From_RadioOnBothSides_SharesAndGains()
    {
        var run = Run(new()
        {
            // Origin sessions of 600 ms mean, 260 ms of it radio; in-region 300 ms, 260 ms radio.
            [Tag("beijing")] = StudySamples.Histogram(250_000, 270_000),
            [Tag("mumbai")] = StudySamples.Histogram(260_000, 260_000),
        });

        var effect = RadioEffect.From(run, Row(originMeanUs: 600_000, inRegionMeanUs: 300_000))!;

        Assert.Equal(260_000, effect.OriginRadioUs, 300.0);
        Assert.Equal(260_000, effect.InRegionRadioUs, 300.0);
        Assert.Equal(0.433, effect.OriginShare!.Value, 0.002);
        Assert.Equal(0.867, effect.InRegionShare!.Value, 0.002);
        Assert.Equal(2.0, effect.GainOfMeans!.Value, 1e-9);
        Assert.Equal(340.0 / 40, effect.GainWithoutRadio!.Value, 0.1); // the radio hid most of the gain
    }

    [Fact]
    public void From_NoRadioRecorded_Null()
    {
        Assert.Null(RadioEffect.From(Run(new()), Row(600_000, 300_000)));
    }

    [Fact]
    public void From_RadioOnOneSideOnly_OtherSideZero()
    {
        var effect = RadioEffect.From(Run(new() { [Tag("mumbai")] = StudySamples.Histogram(100_000) }), Row(600_000, 300_000))!;

        Assert.Equal(0, effect.OriginRadioUs);
        Assert.Equal(3.0, effect.GainWithoutRadio!.Value, 0.01);
    }

    [Fact]
    public void Blocks_Effects_OneDetailsSectionWithARowEach_None_Nothing()
    {
        var effect = new RadioEffect(Row(600_000, 300_000), 260_000, 260_000);

        var details = Assert.IsType<ReportDetails>(Assert.Single(RadioSection.Blocks([effect])));
        var table = Assert.IsType<ReportTable>(details.Blocks[1]);

        Assert.Equal(["India", "App cold start", "260", "43%", "260", "87%", "2.00x", "8.50x"], table.Rows.Single());
        Assert.Empty(RadioSection.Blocks([]));
    }

    private static HistogramTag Tag(string deployment) => new("mumbai.app-cold-start", deployment, HistogramTag.Radio);

    private static RunData Run(Dictionary<HistogramTag, HistogramBase> totals) => new() { Directory = "/nowhere", Totals = totals };

    private static StudyRow Row(double originMeanUs, double inRegionMeanUs) => new()
    {
        Probe = "mumbai",
        Country = "India",
        Workload = "app-cold-start",
        Scenario = "mumbai.app-cold-start",
        Origin = Sessions("beijing", originMeanUs),
        InRegion = Sessions("mumbai", inRegionMeanUs),
    };

    private static DeploymentSessions Sessions(string deployment, double meanUs) => new()
    {
        Deployment = deployment,
        Tag = new HistogramTag("mumbai.app-cold-start", deployment, HistogramTag.Uncorrected),
        Count = 2,
        P50Us = meanUs,
        P95Us = meanUs,
        MeanUs = meanUs,
    };
}
