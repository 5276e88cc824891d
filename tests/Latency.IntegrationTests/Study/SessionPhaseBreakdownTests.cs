using System.Globalization;
using HdrHistogram;
using Latency.IntegrationTests.Support;
using Latency.Reports.Charts;
using Latency.RunDirectory;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// Issue 10, point 7: the phase chart stacked per-request phase medians summed over a session's requests, so
/// overlapping requests counted several times (India / App cold start: 5,413 ms on a bar for a 2,105 ms p50 session).
/// A session's time is now split along its critical path and recorded per session; this runs the path
/// <c>latency run</c> uses and checks that the split adds up to the session time, in the run and in the chart.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class SessionPhaseBreakdownTests(ITestOutputHelper output) : IDisposable
{
    // The session-level kinds whose means add up to the mean session time (docs/run-directory.md).
    private static readonly string[] PathKinds = ["dns", "connect", "tls", "ttfb", "transfer", "think", "other"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_ParallelGroupAfterOneRequest_SessionPhaseMeansAddUpToTheMeanSessionTime()
    {
        // ~70 ms a session: 20 ms, then three 50 ms requests at once. Summed per request it reads ~170 ms.
        _temp.File("fanout.yaml", """
            version: 1
            name: fanout
            description: "one request, then three in parallel"
            http: "1.1"
            steps:
              - request: { name: config, response_bytes: 500, server_ms: 20 }
              - parallel:
                  name: tiles
                  requests:
                    - { name: tile-1, response_bytes: 2000, server_ms: 50 }
                    - { name: tile-2, response_bytes: 2000, server_ms: 50 }
                    - { name: tile-3, response_bytes: 2000, server_ms: 50 }
            """);
        // A capture whose requests overlap: the feed, sent at 10 ms, ends last (~70 ms).
        _temp.File("replayed.yaml", """
            version: 1
            name: replayed
            description: "three overlapping requests at their recorded offsets"
            http: "1.1"
            replay: true
            steps:
              - request: { name: config, response_bytes: 500, server_ms: 20, at: 0s }
              - request: { name: feed, response_bytes: 4000, server_ms: 60, at: 10ms }
              - request: { name: avatar, response_bytes: 800, server_ms: 5, at: 30ms }
            """);
        var (outcome, outDir) = await LocalStudy.RunAsync(_temp, "breakdown", "5s", ["fanout.yaml", "replayed.yaml"]);
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        var run = await RunDirectoryReader.ReadAsync(outDir);
        foreach (var deployment in new[] { "origin", "near" })
        {
            var fanoutMeanMs = AssertPhasesAddUp(run, "fanout", deployment);
            // Along the critical path the server's 20 + 50 ms are in time to first byte, once each.
            var ttfbMs = run.Totals[new HistogramTag("lab-desk.fanout", deployment, "ttfb")].GetMean() / 1000.0;
            Assert.InRange(ttfbMs, 68, fanoutMeanMs);

            // A replay's path waits until the request that ended last was due (10 ms), then that request.
            AssertPhasesAddUp(run, "replayed", deployment);
            var thinkMs = run.Totals[new HistogramTag("lab-desk.replayed", deployment, "think")].GetMean() / 1000.0;
            Assert.InRange(thinkMs, 9.9, 10.1);
        }
    }

    /// <summary>
    /// The session-level phase means of a workload add up to its mean session time, and so does the chart's bar;
    /// returns the mean session time in ms.
    /// </summary>
    private double AssertPhasesAddUp(RunData run, string workload, string deployment)
    {
        var scenario = $"lab-desk.{workload}";
        var bars = PhaseBreakdownChart.From(run, "lab-desk", workload);
        var session = run.Totals[new HistogramTag(scenario, deployment, HistogramTag.Uncorrected)];
        var meanMs = session.GetMean() / 1000.0;
        var bar = Assert.Single(bars, b => b.Deployment == deployment);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario} {deployment}: session mean {meanMs:0.000} ms, chart bar {bar.TotalMs:0.000} ms"));
        Assert.True(session.TotalCount >= 10, $"only {session.TotalCount} sessions on {deployment}");
        // At least the server's time; no upper bound: on a busy 2-core machine sessions stretch, and the split must still add up.
        Assert.True(meanMs >= 60, $"mean session {meanMs} ms on {deployment}");

        // One value per successful session and kind, so the means add up to the mean session time.
        var sumMs = 0.0;
        foreach (var kind in PathKinds)
        {
            var tag = new HistogramTag(scenario, deployment, kind);
            Assert.True(run.Totals.TryGetValue(tag, out var histogram), $"no {tag.Format()}");
            Assert.Equal(session.TotalCount, histogram.TotalCount);
            sumMs += histogram.GetMean() / 1000.0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tag.Format()}: mean {histogram.GetMean() / 1000.0:0.000} ms"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario} {deployment}: session mean {meanMs:0.000} ms, phases {sumMs:0.000} ms"));
        Assert.InRange(sumMs, meanMs * 0.99, meanMs * 1.01);

        // The chart's bar is that same split: it never shows more than the session took.
        Assert.InRange(bar.TotalMs, meanMs * 0.99, meanMs * 1.01);
        return meanMs;
    }
}
