using Latency.Micro.ChangePoints;

namespace Latency.Tests.Statistics;

public sealed class ChangePointAccuracyScoringTests
{
    private static readonly InjectedChange StepAt10 = new() { Start = 10, Size = 0.2 };

    [Theory]
    [InlineData(12, 10, true, true)] // the earliest night 3 runs confirm
    [InlineData(13, 10, true, true)] // within 3 runs
    [InlineData(14, 10, true, false)] // true, but late
    [InlineData(12, 12, true, true)] // placed 2 runs late: still this step
    [InlineData(13, 7, false, false)] // placed 3 runs early: somewhere else
    [InlineData(9, 8, false, false)] // before the step
    public void AnAlert_IsTrueNearTheStepAndFoundWithin3Runs(int night, int start, bool isTrue, bool found)
    {
        var alert = new NightlyAlert(night, start, Nights: 5);

        Assert.Equal(isTrue, AlertScoring.IsTrue(alert, StepAt10));
        Assert.Equal(found, AlertScoring.FoundInTime([alert], StepAt10) is not null);
    }

    [Fact]
    public void AlertsOnAFlatOrSpikySeries_AreAllFalse()
    {
        NightlyAlert[] alerts = [new(12, 10, 2), new(20, 18, 1)];
        var spike = new InjectedChange { Start = 10, Size = 0.3, Length = 1 };

        var flat = AlertScoring.Score(alerts, null, nights: 30);
        var spiky = AlertScoring.Score(alerts, spike, nights: 30);

        Assert.Equal((2, 0, false), (flat.FalseAlerts, flat.TrueAlerts, flat.Found));
        Assert.Equal((2, 0, false), (spiky.FalseAlerts, spiky.TrueAlerts, spiky.Found));
    }

    [Fact]
    public void Score_CountsAFalseAlertBeforeTheStepAndTheTrueOneWithItsDelay()
    {
        var score = AlertScoring.Score([new(7, 5, 1), new(13, 10, 17)], StepAt10, nights: 30);

        Assert.Equal((2, 1, 1, true, 3, true), (score.Alerts, score.TrueAlerts, score.FalseAlerts, score.Found, score.Delay, score.PlacedExactly));
    }

    [Fact]
    public void TheNightlyCheck_OnACleanStep_AlertsOnceOnTheThirdSlowNightAtItsFirstRun()
    {
        var series = Enumerable.Repeat(100.0, 10).Concat(Enumerable.Repeat(120.0, 10)).ToList();

        var alert = Assert.Single(NightlyCheck.Alerts(series, 0.05));

        Assert.Equal(new NightlyAlert(Night: 12, Start: 10, Nights: 8), alert);
    }

    [Fact]
    public void TheNightlyCheck_OnASingleSpike_DoesNotAlert()
    {
        var series = Enumerable.Repeat(100.0, 20).Select((v, i) => i == 10 ? 130 : v).ToList();

        Assert.Empty(NightlyCheck.Alerts(series, 0.05));
    }

    [Fact]
    public void ASeries_IsTheSameForASeedAndSlowerOnlyWhereTheChangeIs()
    {
        var spike = new InjectedChange { Start = 3, Size = 0.3, Length = 2 };

        var noiseless = SyntheticSeries.Generate(new Random(1), 8, noise: 0, spike);
        var first = SyntheticSeries.Generate(new Random(7), 30, noise: 0.05, StepAt10);
        var second = SyntheticSeries.Generate(new Random(7), 30, noise: 0.05, StepAt10);

        Assert.Equal([1000, 1000, 1000, 1300, 1300, 1000, 1000, 1000], noiseless.Select(v => Math.Round(v)));
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("5%", 0.05)]
    [InlineData("0.02", 0.02)]
    [InlineData("100%", null)]
    [InlineData("abc", null)]
    public void AShare_IsAPercentOrAFraction(string text, double? share)
    {
        Assert.Equal(share, ChangePointAccuracyOptions.ParseShare(text));
    }
}
