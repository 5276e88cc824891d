using Latency.World.Emulation;

namespace Latency.Tests.Emulation;

/// <summary>The learnt wake-up lead, on a microsecond clock (1,000,000 ticks a second) so ticks read as microseconds.</summary>
public class WakeUpLeadTests
{
    private const long PerSecond = 1_000_000;

    [Fact]
    public void LeadFor_NothingObserved_TheFormerFixedWindowPlusMargin()
    {
        var lead = new WakeUpLead(PerSecond, WakeUpPolicy.Precise);

        Assert.Equal(100 + (long)WakeUpPolicy.Precise.MarginMicroseconds, lead.LeadFor(40_000));
    }

    [Fact]
    public void Observe_LongSleepsOvershoot185Us_LeadForLongSleepsConvergesNearTheir95thPercentile()
    {
        var lead = new WakeUpLead(PerSecond, WakeUpPolicy.Precise);
        var random = new Random(7);

        // Overshoots uniform in [150, 220] us (95th percentile 216.5), as measured after 40 ms sleeps on a microVM.
        for (var i = 0; i < 5_000; i++)
        {
            lead.Observe(40_000, 150 + random.Next(0, 71));
        }

        Assert.InRange(lead.LeadFor(40_000), 216 + WakeUpPolicy.Precise.MarginMicroseconds - 8, 216 + WakeUpPolicy.Precise.MarginMicroseconds + 8);
    }

    [Fact]
    public void Observe_OnlyLongSleepsLate_ShortSleepsKeepTheirOwnLead()
    {
        var lead = new WakeUpLead(PerSecond, WakeUpPolicy.Precise);
        for (var i = 0; i < 5_000; i++)
        {
            lead.Observe(40_000, 400);
            lead.Observe(500, 10);
        }

        Assert.True(lead.LeadFor(40_000) > 400, $"long-sleep lead {lead.LeadFor(40_000)} us");
        Assert.Equal((long)WakeUpPolicy.Precise.MinimumMicroseconds, lead.LeadFor(500));
    }

    [Fact]
    public void Observe_OneHugeOutlier_MovesTheLeadByOneStepOnly()
    {
        var lead = new WakeUpLead(PerSecond, WakeUpPolicy.Precise);
        for (var i = 0; i < 2_000; i++)
        {
            lead.Observe(10_000, 60);
        }

        var before = lead.LeadFor(10_000);
        lead.Observe(10_000, 20_000);

        Assert.InRange(lead.LeadFor(10_000) - before, 0, 5);
    }

    [Fact]
    public void LeadFor_OvershootsBeyondTheCap_ClampedToMaximum()
    {
        var lead = new WakeUpLead(PerSecond, WakeUpPolicy.Precise);
        for (var i = 0; i < 5_000; i++)
        {
            lead.Observe(60_000, 50_000);
        }

        Assert.Equal((long)WakeUpPolicy.Precise.MaximumMicroseconds, lead.LeadFor(60_000));
    }

    [Fact]
    public void Constructor_ZeroFrequency_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WakeUpLead(0));
    }

    [Fact]
    public void Observe_MedianPolicy_LeadConvergesNearTheMedianWithNoMargin()
    {
        var lead = new WakeUpLead(PerSecond, WakeUpPolicy.Median);
        var random = new Random(7);

        // Overshoots uniform in [150, 220] us: median 185.
        for (var i = 0; i < 5_000; i++)
        {
            lead.Observe(40_000, 150 + random.Next(0, 71));
        }

        Assert.InRange(lead.LeadFor(40_000), 185 - 8, 185 + 8);
    }

    [Fact]
    public void LeadFor_SleepPolicy_NeverSpinsWhateverTheOvershoot()
    {
        var lead = new WakeUpLead(PerSecond, WakeUpPolicy.Sleep);
        for (var i = 0; i < 1_000; i++)
        {
            lead.Observe(40_000, 300);
        }

        Assert.Equal(0, lead.LeadFor(40_000));
        Assert.Equal(0, lead.LeadFor(100));
    }

    [Theory]
    [InlineData("precise")]
    [InlineData("MEDIAN")]
    [InlineData("sleep")]
    public void Find_KnownName_ThatPolicy(string name)
    {
        Assert.Equal(name.ToLowerInvariant(), WakeUpPolicy.Find(name)?.Name);
    }

    [Fact]
    public void Constructor_NoPolicy_TheWorldsDefaultTheMedian()
    {
        var lead = new WakeUpLead(PerSecond);

        // Nothing observed: the initial 100 us estimate with the median policy's zero margin.
        Assert.Same(WakeUpPolicy.Median, WakeUpPolicy.Default);
        Assert.Equal(100, lead.LeadFor(40_000));
    }

    [Fact]
    public void Find_UnknownName_Null()
    {
        Assert.Null(WakeUpPolicy.Find("fast"));
    }
}
