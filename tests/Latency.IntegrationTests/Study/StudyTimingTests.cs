using System.Globalization;
using Latency.IntegrationTests.Support;
using Latency.RunDirectory;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// Issue 10, point 5: studies replayed with Task.Delay (measured 40-600 ms late in a busy process) and timed a
/// session from its actual send, while the precise replay runner the 5 ms test checks was not what studies ran.
/// These run the path <c>latency run</c> uses, a study against real backends, and read what the run recorded: every
/// timed request's lateness, and sessions measured from their intended start.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class StudyTimingTests(ITestOutputHelper output) : IDisposable
{
    // 10 ms at p95: on a quiet machine the worst request was 3.5 ms late at p95; with other builds loading both cores
    // (load average 7-19) 6-11 ms. Task.Delay, which this replaced, was 40-600 ms late: the bound still tells them apart.
    private static readonly double ToleranceUs = 10_000;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_ReplayAndThinkWorkloads_EveryTimedRequestStartsWithin10MsOfItsDueTimeAtP95()
    {
        _temp.File("replayed.yaml", """
            version: 1
            name: replayed
            description: "a capture: requests at their recorded offsets, overlapping"
            http: "1.1"
            replay: true
            steps:
              - request: { name: config, path: /v1/config, response_bytes: 2000, server_ms: 20, at: 0s }
              - request: { name: feed, path: /v2/feed?page=1, response_bytes: 30000, server_ms: 40, at: 15ms }
              - request: { name: avatar, path: /img/a.png, response_bytes: 8000, at: 60ms }
              - request: { name: ping, method: POST, path: /v1/ping, request_bytes: 200, at: 210ms }
            """);
        _temp.File("thinker.yaml", """
            version: 1
            name: thinker
            description: "a request, a pause, a request"
            http: "1.1"
            steps:
              - request: { name: first, response_bytes: 500, server_ms: 5 }
              - think: 80ms
              - request: { name: second, response_bytes: 500, server_ms: 5 }
            """);
        var (outcome, outDir) = await LocalStudy.RunAsync(_temp, "timing", "6s", ["replayed.yaml", "thinker.yaml"]);
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        var run = await RunDirectoryReader.ReadAsync(outDir);
        var timed = new[] { "config", "feed", "avatar", "ping" }.Select(r => ("lab-desk.replayed", r))
            .Append(("lab-desk.thinker", "second"));
        foreach (var deployment in new[] { "origin", "near" })
        {
            foreach (var (scenario, request) in timed)
            {
                var tag = new HistogramTag(scenario, $"{deployment}.{request}", HistogramTag.Lateness);
                Assert.True(run.Totals.TryGetValue(tag, out var lateness), $"no {tag.Format()}: the request's lateness was not recorded");
                var sessions = run.Totals[new HistogramTag(scenario, deployment, HistogramTag.Uncorrected)].TotalCount;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{tag.Format()}: {lateness.TotalCount} requests, p50 {lateness.GetValueAtPercentile(50)} us, p95 {lateness.GetValueAtPercentile(95)} us, max {HdrHistogram.HistogramExtensions.GetMaxValue(lateness)} us"));
                Assert.Equal(sessions, lateness.TotalCount);
                Assert.True(sessions >= 10, $"only {sessions} sessions of {scenario} on {deployment}");
                // p95, not max: this 2-core VM's host stalls the guest 10-18 ms now and then, whatever the scheduler.
                Assert.InRange(lateness.GetValueAtPercentile(95), 0, ToleranceUs);
            }

            // Sessions are measured from their intended start, and how late they started is recorded beside them.
            Assert.True(run.Totals.ContainsKey(new HistogramTag("lab-desk.replayed", deployment, HistogramTag.Lateness)));
        }

        // A replayed session lasts at least until its last request's offset and that request's answer.
        var replayed = run.Totals[new HistogramTag("lab-desk.replayed", "near", HistogramTag.Uncorrected)];
        Assert.True(replayed.GetValueAtPercentile(0) >= 210_000, $"shortest replayed session {replayed.GetValueAtPercentile(0)} us");
    }
}
