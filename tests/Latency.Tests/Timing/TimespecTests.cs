using Latency.Timing;

namespace Latency.Tests.Timing;

public sealed class TimespecTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(999_999_999, 0, 999_999_999)]
    [InlineData(1_000_000_000, 1, 0)]
    [InlineData(2_500_000_001, 2, 500_000_001)]
    [InlineData(-5, 0, 0)]
    public void FromNanoseconds_SplitsIntoSecondsAndNanoseconds(long nanoseconds, long seconds, long rest)
    {
        var time = Timespec.FromNanoseconds(nanoseconds);

        Assert.Equal((seconds, rest), (time.Seconds, time.Nanoseconds));
        Assert.Equal(Math.Max(0, nanoseconds), time.TotalNanoseconds);
    }
}
