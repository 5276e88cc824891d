using Latency.Bench.Harness;
using Latency.Micro.Scale;
using Latency.Micro.Soak;
using Latency.RunDirectory;
using Latency.Tests.Reports;

namespace Latency.Tests.Scale;

public sealed class ScaleFiguresTests
{
    private const int Harness = 100;
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Readings every 10 s from 20 s before the window (the world's set-up) to 20 s after it (drain, report).</summary>
    private static List<ProcessTreeSample> Samples()
    {
        var samples = new List<ProcessTreeSample>();
        for (var second = -20; second <= 80; second += 10)
        {
            var inside = Math.Clamp(second, 0, 60);
            // In the window the harness uses 0.5 core, the emulator 0.25 and the backends 0.1; before and after, the
            // harness burns 2 cores (JIT, report), which the window must leave out.
            var harness = 0.5 * inside + 2.0 * (Math.Min(second, 0) + 20) + 2.0 * Math.Max(second - 60, 0);
            var processes = new List<ProcessRss>
            {
                new(Harness, "harness: dotnet latency.dll run", second == 80 ? 900 : 300 + second, harness),
                new(201, "world serve --part network", 50, 0.25 * inside),
                new(202, "world serve --part backends", 70 + (second == 30 ? 40 : 0), 0.1 * inside),
            };
            // The machine: 100 ticks a second in all, busy 40 a second before 30 s and 80 after.
            var ticks = (second + 20) * 100L;
            var busy = (Math.Min(second, 30) + 20) * 40L + Math.Max(second - 30, 0) * 80L;
            samples.Add(new ProcessTreeSample(TimeSpan.FromSeconds(second + 20), Start.AddSeconds(second), processes, new MachineCpuTimes(busy, ticks)));
        }

        return samples;
    }

    private static RunManifest Manifest() =>
        ManifestSamples.Partial() with { StartedUtc = Start, EndedUtc = Start.AddSeconds(80), Status = RunStatus.Complete, StatusReason = null };

    [Fact]
    public void Window_RunJsonsStartToThatPlusTheArrivals()
    {
        var (from, to) = ScaleFigures.Window(Manifest(), TimeSpan.FromMinutes(1), Samples());

        Assert.Equal(Start, from);
        Assert.Equal(Start.AddSeconds(60), to);
    }

    [Fact]
    public void Window_RunEndedBeforeTheArrivals_EndsAtItsEnd()
    {
        var (_, to) = ScaleFigures.Window(Manifest() with { EndedUtc = Start.AddSeconds(30) }, TimeSpan.FromMinutes(1), Samples());

        Assert.Equal(Start.AddSeconds(30), to);
    }

    [Fact]
    public void Row_FixedReadings_CoresPerProcessGroupOverTheWindowOnlyCpuPerSessionPeaksAndMachineBusy()
    {
        var samples = Samples();
        var sessions = new ScaleSessions(Completed: 700, Failed: 7, Late: 3, Dropped: 0, InWindow: 600);
        var harness = new HarnessInfo
        {
            ProcessorCount = 2, SampleSeconds = 1, Samples = 60, CpuCoresMean = 0.5, CpuCoresP95 = 0.6, CpuCoresMax = 0.9,
            MachineBusyMean = 0.6, MachineBusyP95 = 0.9, MachineBusyMax = 0.95, Emulator = new HarnessEmulator { LatenessP99Us = 2500 },
        };

        var row = ScaleFigures.Row(5, 1330, Harness, samples, ScaleFigures.Window(Manifest(), TimeSpan.FromMinutes(1), samples), sessions, harness, "Complete");

        Assert.Equal(1, row.WindowMinutes, 9);
        Assert.Equal(0.5, row.HarnessCores, 9);
        Assert.Equal(0.25, row.EmulatorCores, 9);
        Assert.Equal(0.1, row.BackendCores, 9);
        // 30 CPU seconds over 600 sessions.
        Assert.Equal(50_000, row.HarnessUsPerSession, 6);
        // Peaks over the whole run: the harness's report at the end counts, and the world's backends' bump.
        Assert.Equal(900, row.HarnessPeakMb);
        Assert.Equal(160, row.WorldPeakMb);
        // Six intervals in the window: three at 40% and three at 80%.
        Assert.Equal(0.4, row.MachineBusyP50, 9);
        Assert.Equal(0.8, row.MachineBusyP95, 9);
        Assert.Equal(2.5, row.LatenessP99Ms);
        Assert.StartsWith("busy: ", row.Verdict, StringComparison.Ordinal);
        Assert.Contains("emulator", row.Verdict, StringComparison.Ordinal);
        Assert.Same(sessions, row.Sessions);
        Assert.Equal(1330, row.OfferedPerMinute);
    }

    [Fact]
    public void Row_HarnessWithinTheRule_VerdictOk()
    {
        var harness = new HarnessInfo { ProcessorCount = 2, SampleSeconds = 1, Samples = 60, CpuCoresMean = 0.5, CpuCoresP95 = 0.6, CpuCoresMax = 0.9 };

        var row = ScaleFigures.Row(1, 266, Harness, Samples(), (Start, Start.AddSeconds(60)), new ScaleSessions(0, 0, null, null, 0), harness, "Complete");

        Assert.Equal("ok", row.Verdict);
        Assert.True(double.IsNaN(row.HarnessUsPerSession));
        Assert.Null(row.LatenessP99Ms);
    }

    [Fact]
    public void Row_FewerThanTwoReadingsInTheWindow_NoCpuFigures()
    {
        var row = ScaleFigures.Row(1, 266, Harness, Samples(), (Start.AddSeconds(1), Start.AddSeconds(9)), new ScaleSessions(0, 0, null, null, 0), null, "Partial");

        Assert.True(double.IsNaN(row.HarnessCores));
        Assert.True(double.IsNaN(row.MachineBusyP95));
        Assert.Null(row.Verdict);
    }

    [Theory]
    [InlineData(0.5, 2)]
    [InlineData(0.95, 4)]
    [InlineData(0.0, 1)]
    public void NearestRank_OfOneToFour(double quantile, double expected)
    {
        Assert.Equal(expected, ScaleFigures.NearestRank([1, 2, 3, 4], quantile));
    }
}
