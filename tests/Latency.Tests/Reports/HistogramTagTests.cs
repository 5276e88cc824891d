using Latency.RunDirectory;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class HistogramTagTests
{
    [Theory]
    [InlineData("checkout/-/corrected", "checkout", "-", "corrected")]
    [InlineData("app_start.v2/feed-1/ttfb", "app_start.v2", "feed-1", "ttfb")]
    public void TryParse_FormattedTag_RoundTrips(string text, string scenario, string step, string kind)
    {
        Assert.True(HistogramTag.TryParse(text, out var tag));
        Assert.Equal(new HistogramTag(scenario, step, kind), tag);
        Assert.Equal(text, tag.Format());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a/b/c/d")]
    [InlineData("a//c")]
    [InlineData("a b/-/corrected")]
    [InlineData("a,b/-/corrected")]
    [InlineData("caf\u00e9/-/corrected")]
    public void TryParse_InvalidText_ReturnsFalse(string? text)
    {
        Assert.False(HistogramTag.TryParse(text, out _));
    }

    [Theory]
    [InlineData("App start (cold)", "App_start__cold_")]
    [InlineData("login/oauth", "login_oauth")]
    [InlineData("caf\u00e9, t\u00e9", "caf___t_")]
    [InlineData("-", "_")]
    [InlineData("", "_")]
    [InlineData("ok.name-1_2", "ok.name-1_2")]
    public void Sanitize_AnyName_GivesAValidPart(string name, string expected)
    {
        Assert.Equal(expected, HistogramTag.Sanitize(name));
        Assert.True(HistogramTag.IsValidName(HistogramTag.Sanitize(name)));
    }

    [Fact]
    public void ForIteration_RawScenarioName_UsesDashStep()
    {
        var tag = HistogramTag.ForIteration("App start", HistogramTag.Corrected);
        Assert.Equal("App_start/-/corrected", tag.Format());
        Assert.True(tag.IsIteration);
    }

    [Fact]
    public void Constructor_InvalidPart_Throws()
    {
        Assert.Throws<ArgumentException>(() => new HistogramTag("a b", "-", "corrected"));
    }
}
