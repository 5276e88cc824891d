using Latency.Bench.Calibration;
using Microsoft.Extensions.Time.Testing;

namespace Latency.Tests.Calibration;

/// <summary>Waiting for a fresh world's paths to settle: on figures given per attempt and a fake clock.</summary>
public sealed class PathSettlingTests
{
    private static readonly (string Name, double RttMs)[] Paths = [("p/d5", 5), ("p/d80", 80)];

    [Fact]
    public async Task Wait_EveryMedianWithinTolerance_ReturnsAfterOneAttempt()
    {
        var attempts = await PathSettling.WaitAsync(Paths, Attempts([[4.9, 5.2, 9.0], [79.8, 80.3, 95.0]]), TimeSpan.FromSeconds(30),
            new FakeTimeProvider(), CancellationToken.None);

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Wait_OnePathLateAtFirst_MeasuresAgainUntilItSettles()
    {
        var attempts = await PathSettling.WaitAsync(Paths,
            Attempts([[5.0, 5.1, 5.2], [85.0, 90.0, 99.0]], [[5.0, 5.1, 5.2], [81.0, 82.0, 83.0]], [[5.0, 5.1, 5.2], [80.0, 80.1, 80.2]]),
            TimeSpan.FromSeconds(30), new FakeTimeProvider(), CancellationToken.None);

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Wait_PathNeverSettles_TimesOutNamingItAndItsFigure()
    {
        var clock = new FakeTimeProvider();
        var calls = 0;
        Task<List<double>[]> Measure(CancellationToken _)
        {
            calls++;
            // Each attempt takes 5 s of the fake clock; d80 stays 1.5 ms slow.
            clock.Advance(TimeSpan.FromSeconds(5));
            return Task.FromResult(new[] { new List<double> { 5.0 }, new List<double> { 81.5 } });
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            PathSettling.WaitAsync(Paths, Measure, TimeSpan.FromSeconds(30), clock, CancellationToken.None));

        Assert.Equal(6, calls);
        Assert.Contains("p/d80 81.500 ms for 80 ms", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p/d5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 5.4, true)]
    [InlineData(5, 4.6, true)]
    [InlineData(5, 5.6, false)]
    [InlineData(300, 302.9, true)]
    [InlineData(300, 303.1, false)]
    [InlineData(300, 0.2, false)]
    public async Task Wait_MedianAgainstTolerance_HalfMillisecondOrOnePercent(double rttMs, double medianMs, bool settled)
    {
        var once = PathSettling.WaitAsync([("p/d", rttMs)], _ => Task.FromResult(new[] { new List<double> { medianMs } }), TimeSpan.Zero,
            new FakeTimeProvider(), CancellationToken.None);

        if (settled)
        {
            Assert.Equal(1, await once);
        }
        else
        {
            await Assert.ThrowsAsync<TimeoutException>(() => once);
        }
    }

    /// <summary>A measurement that returns the given attempts' figures in turn (each path's times sorted).</summary>
    private static Func<CancellationToken, Task<List<double>[]>> Attempts(params double[][][] attempts)
    {
        var next = 0;
        return _ => Task.FromResult(attempts[next++].Select(t => t.ToList()).ToArray());
    }
}
