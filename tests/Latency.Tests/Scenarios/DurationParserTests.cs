using Latency.Scenarios.Suites;
using Xunit;

namespace Latency.Tests.Scenarios;

public sealed class DurationParserTests
{
    public static TheoryData<string, long> Valid => new()
    {
        { "250us", 250 * TimeSpan.TicksPerMicrosecond },
        { "0.5us", 5 },
        { "1ms", TimeSpan.TicksPerMillisecond },
        { "12.5ms", 125_000 },
        { "1.5s", 15_000_000 },
        { "1.1s", 11_000_000 },
        { ".5s", 5_000_000 },
        { "30s", 30 * TimeSpan.TicksPerSecond },
        { "2m", 2 * TimeSpan.TicksPerMinute },
        { "1h", TimeSpan.TicksPerHour },
        { "0s", 0 },
        { " 5 s ", 5 * TimeSpan.TicksPerSecond },
        { "922337203685.4775807s", TimeSpan.MaxValue.Ticks },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_NumberWithUnit_ReturnsExactTicks(string text, long ticks)
    {
        Assert.True(DurationParser.TryParse(text, out var duration, out var error), error);
        Assert.Equal(ticks, duration.Ticks);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("30", "duration needs a unit, e.g. 30s")]
    [InlineData("1.5", "duration needs a unit, e.g. 30s")]
    [InlineData("5x", "unknown duration unit 'x' in '5x' (use us, ms, s, m, h)")]
    [InlineData("5sec", "unknown duration unit 'sec' in '5sec' (use us, ms, s, m, h)")]
    [InlineData("5S", "unknown duration unit 'S' in '5S' (use us, ms, s, m, h)")]
    [InlineData("-5s", "duration must not be negative (got '-5s')")]
    [InlineData("s", "'s' is not a duration; expected a number with a unit, e.g. 30s, 250ms or 1.5m")]
    [InlineData("", "'' is not a duration; expected a number with a unit, e.g. 30s, 250ms or 1.5m")]
    [InlineData("1,5s", "'1,5s' is not a duration; expected a number with a unit, e.g. 30s, 250ms or 1.5m")]
    [InlineData("99999999999h", "duration '99999999999h' is too long")]
    [InlineData("99999999999999999999999999999s", "duration '99999999999999999999999999999s' is too long")]
    [InlineData("123456789012345678901234567890123456789ms", "duration '123456789012345678901234567890123456789ms' is too long")]
    [InlineData("-99999999999999999999999999999s", "duration must not be negative (got '-99999999999999999999999999999s')")]
    [InlineData("922337203685.4775808s", "duration '922337203685.4775808s' is too long")]
    [InlineData("1e400s", "unknown duration unit 'e400s' in '1e400s' (use us, ms, s, m, h)")]
    public void TryParse_BadText_ExplainsWhy(string text, string expected)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_BareNumber_ThrowsFormatExceptionWithMessage()
    {
        var ex = Assert.Throws<FormatException>(() => DurationParser.Parse("10"));
        Assert.Equal("duration needs a unit, e.g. 30s", ex.Message);
    }
}
