using Latency.Micro.Soak;

namespace Latency.Tests.Statistics;

public sealed class RssTrendTests
{
    [Fact]
    public void Slope_ASawtoothOnALine_IsTheLinesSlope()
    {
        // 2 MiB/min of growth under a collector's +-30 MiB swing, a reading every 10 s for an hour.
        var points = Enumerable.Range(0, 360).Select(i => (Minute: i / 6.0, Mb: 300 + 2 * i / 6.0 + (i % 2 == 0 ? 30 : -30))).ToList();

        // Not exactly 2: the swing itself leans the line a little (it ends on a low), by under 0.01 MiB/min.
        Assert.InRange(RssTrend.Slope(points), 1.98, 2.02);
    }

    [Fact]
    public void Slope_FewerThanTwoTimes_IsNaN()
    {
        Assert.True(double.IsNaN(RssTrend.Slope([])));
        Assert.True(double.IsNaN(RssTrend.Slope([(1, 100), (1, 200)])));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4.99, 0)]
    [InlineData(5, 1)]
    [InlineData(59.9, 11)]
    [InlineData(-0.1, -1)]
    public void Window_CountsFromZeroInWidths(double minute, int window)
    {
        Assert.Equal(window, RssTrend.Window(minute, 5));
    }
}
