using Latency.Bench.Cli;
using Latency.History;
using Latency.RunDirectory;
using Latency.Tests.Reports;

namespace Latency.Tests.History;

public sealed class HistoryCheckTests
{
    // Ten nights of p50 in ms with a little noise; p99 is three times as much.
    private static readonly double[] Flat = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100];

    [Fact]
    public async Task AFlatHistory_HasNoChangeAndExits0()
    {
        using var temp = new TempDirectory();
        var history = Write(temp, Flat, Flat);

        var (code, output, _) = await HistoryCommandTests.Cli("history", "check", "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("no new slower level in 2 series of 10 runs", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p50", "p99")]
    [InlineData("p99", "p50")]
    public async Task AStepAtRun6Of10_IsFoundAtRun6OnThatQuantileOnlyWithItsSizeAndExits1(string stepped, string flat)
    {
        using var temp = new TempDirectory();
        var step = Flat.Select((v, i) => i >= 5 ? v * 1.2 : v).ToArray();
        var history = stepped == "p50" ? Write(temp, step, Flat) : Write(temp, Flat, step);

        var (code, output, _) = await HistoryCommandTests.Cli("history", "check", "--history", history);

        Assert.Equal(ExitCodes.ThresholdsFailed, code);
        Assert.Contains($"suite: checkout: {stepped} slower from run 6 (", output, StringComparison.Ordinal);
        Assert.Contains(stepped == "p50" ? "100.0 -> 120.0 ms (+20.0%)" : "300.0 -> 360.0 ms (+20.0%)", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"{flat} slower", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASingleSlowNight_IsNoChange()
    {
        using var temp = new TempDirectory();
        var spike = (double[])Flat.Clone();
        spike[4] = 200;
        var history = Write(temp, spike, spike);

        var (code, _, _) = await HistoryCommandTests.Cli("history", "check", "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
    }

    [Fact]
    public async Task TheSameHistory_AlwaysGivesTheSameAnswer()
    {
        using var temp = new TempDirectory();
        var history = Write(temp, Flat.Select((v, i) => i >= 5 ? v * 1.2 : v).ToArray(), Flat);

        var first = await HistoryCommandTests.Cli("history", "check", "--history", history);
        var second = await HistoryCommandTests.Cli("history", "check", "--history", history);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ABadToleranceOrNoHistory_IsBadInputWithoutAStackTrace()
    {
        using var temp = new TempDirectory();

        var (badTolerance, _, toleranceError) = await HistoryCommandTests.Cli("history", "check", "--tolerance", "abc", "--history", Write(temp, Flat, Flat));
        var (noHistory, _, historyError) = await HistoryCommandTests.Cli("history", "check", "--history", temp.File("none.db"));

        Assert.Equal(ExitCodes.BadInput, badTolerance);
        Assert.Contains("--tolerance: 'abc'", toleranceError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, noHistory);
        Assert.Contains("no history file", historyError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", toleranceError + historyError, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("none.db")));
    }

    [Fact]
    public async Task AP99StepInRunsTooShortForAP99_IsNotJudged()
    {
        // 100 samples a run: p99 needs 299 for an interval (as compare's too_few_samples), so its series is left out.
        using var temp = new TempDirectory();
        var step = Flat.Select((v, i) => i >= 5 ? v * 1.2 : v).ToArray();
        var history = Write(temp, Flat, step, count: 100);

        var (code, output, _) = await HistoryCommandTests.Cli("history", "check", "--history", history);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("no new slower level in 1 series of 10 runs", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStudysRequestRow_IsFollowedOnlyWhenAskedForByRow()
    {
        // A request inside a session (probe/deployment.request/workload): compare leaves it out, and so does check unless --row names it.
        using var temp = new TempDirectory();
        var step = Flat.Select((v, i) => i >= 5 ? v * 1.2 : v).ToArray();
        var history = Write(temp, step, Flat, rowKey: "mumbai/beijing.config/app-cold-start");

        var (defaultCode, defaultOutput, _) = await HistoryCommandTests.Cli("history", "check", "--history", history);
        var (rowCode, rowOutput, _) = await HistoryCommandTests.Cli("history", "check", "--history", history, "--row", "beijing.config");

        Assert.Equal(ExitCodes.Ok, defaultCode);
        Assert.Contains("no new slower level in 0 series", defaultOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ThresholdsFailed, rowCode);
        Assert.Contains("mumbai/beijing.config/app-cold-start: p50 slower from run 6", rowOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoMachinesAtDifferentLevels_AreSeriesOfTheirOwnAndNoStep()
    {
        // Two probes run the same suite each night; one is 30% slower than the other, always. Interleaved in one series
        // their difference would look like steps; per machine both are flat.
        using var temp = new TempDirectory();
        var path = temp.File("history.db");
        using (var store = HistoryStore.Open(path))
        {
            for (var night = 0; night < 10; night++)
            {
                foreach (var (machine, level) in new[] { ("fast", 100.0), ("slow", 130.0) })
                {
                    // The slow machine misses the first five nights: its runs start where a step would be in a mixed series.
                    if (machine == "slow" && night < 5) continue;
                    var run = new HistoryRun
                    {
                        Suite = "suite", Machine = machine, StartedUtc = HistogramSamples.RunStart.AddDays(night).AddMinutes(machine == "slow" ? 1 : 0),
                        Status = RunStatus.Complete, RunDirectory = temp.File($"run-{machine}-{night}"),
                    };
                    var p50 = (long)(level * Flat[night] * 10);
                    store.Add(run, [new HistoryRow { Key = "checkout", Count = 1000, Errors = 0, P50 = p50, P90 = 0, P95 = 0, P99 = 3 * p50, Max = 0 }]);
                }
            }
        }

        var (code, output, _) = await HistoryCommandTests.Cli("history", "check", "--history", path);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("no new slower level in 4 series of 15 runs", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A history of one suite with one row, <paramref name="rowKey"/>, one run a night with these p50 and p99 (times 3) in
    /// ms; p95 is twice the p50.
    /// </summary>
    internal static string Write(TempDirectory temp, double[] p50Ms, double[] p99Ms, string rowKey = "checkout", long count = 1000)
    {
        var path = temp.File("history.db");
        using var store = HistoryStore.Open(path);
        for (var night = 0; night < p50Ms.Length; night++)
        {
            var run = new HistoryRun
            {
                Suite = "suite",
                Machine = "probe-1",
                StartedUtc = HistogramSamples.RunStart.AddDays(night),
                Status = RunStatus.Complete,
                RunDirectory = temp.File($"run-{night}"),
            };
            var row = new HistoryRow
            {
                Key = rowKey, Count = count, Errors = 0, P50 = (long)(p50Ms[night] * 1000), P90 = 0, P95 = (long)(p50Ms[night] * 2000),
                P99 = (long)(p99Ms[night] * 3000), Max = 0,
            };
            store.Add(run, [row]);
        }

        return path;
    }
}
