using System.Globalization;
using System.Net;
using HdrHistogram;
using Latency.IntegrationTests.Support;
using Latency.RunDirectory;
using Latency.World.Backend;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Study;

/// <summary>
/// Issue 10, point 11: the default run's first half-minute was slower than the rest (a cold process measured, not the
/// network). On a quiet path (loopback, fixed server time) the sessions of a study's first seconds and of the rest
/// must have the same distribution: the study warms every cell up before it records.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class StudyWarmUpTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Probes = ["lab-a", "lab-b", "lab-c", "lab-d"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_QuietPath_FirstSecondsAndTheRestHaveTheSameSessionTimes()
    {
        await using var origin = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        await using var near = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        _temp.File("start.yaml", """
            version: 1
            name: start
            description: "an app start: config, then three calls at once, then a login"
            http: "1.1"
            steps:
              - request: { name: config, response_bytes: 4000, server_ms: 10 }
              - parallel:
                  name: home
                  requests:
                    - { name: feed, response_bytes: 20000, server_ms: 10 }
                    - { name: banner, response_bytes: 8000, server_ms: 10 }
                    - { name: badge, response_bytes: 300, server_ms: 10 }
              - request: { name: login, method: POST, request_bytes: 800, response_bytes: 600, server_ms: 10 }
            """);
        var compare = string.Join("\n", Probes.Select(p => $"    - {{ probe: {p}, deployments: [origin, near] }}"));
        var suite = _temp.File("quiet.yaml", $$"""
            version: 1
            name: quiet
            study:
              world: none
              duration: 30s
              compare:
            {{compare}}
              endpoints:
                origin: {{origin.BaseUrl}}
                near: {{near.BaseUrl}}
              workloads:
                - { file: start.yaml, sessions_per_minute: 120 }
            """);
        var outDir = Path.Combine(_temp.Path, "run");

        // As a child process: the program's own runtime settings (its JIT) are part of what is checked.
        var outcome = await CliRun.ChildAsync(new Dictionary<string, string>(), TimeSpan.FromMinutes(3), "run", suite, "--out", outDir, "--no-progress");
        output.WriteLine(outcome.Output + outcome.Error);

        Assert.Equal(0, outcome.ExitCode);
        var run = await RunDirectoryReader.ReadAsync(outDir, _ => true);
        foreach (var deployment in new[] { "origin", "near" })
        {
            var intervals = Probes.SelectMany(p => run.Intervals[new HistogramTag($"{p}.start", deployment, HistogramTag.Uncorrected)]).ToList();
            var runStart = intervals.Min(i => i.StartTimeStamp);
            var early = Merge(intervals.Where(i => i.StartTimeStamp - runStart < 10_000));
            var rest = Merge(intervals.Where(i => i.StartTimeStamp - runStart >= 10_000));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{deployment}: first 10 s {early.TotalCount} sessions p50 {early.GetValueAtPercentile(50)} us p90 {early.GetValueAtPercentile(90)} us; " +
                $"rest {rest.TotalCount} sessions p50 {rest.GetValueAtPercentile(50)} us p90 {rest.GetValueAtPercentile(90)} us"));
            Assert.True(early.TotalCount >= 30 && rest.TotalCount >= 60, "too few sessions to compare");
            AssertClose("p50", early.GetValueAtPercentile(50), rest.GetValueAtPercentile(50), absoluteUs: 3_000, relative: 0.15);
            AssertClose("p90", early.GetValueAtPercentile(90), rest.GetValueAtPercentile(90), absoluteUs: 5_000, relative: 0.25);
        }
    }

    private static void AssertClose(string what, long early, long rest, long absoluteUs, double relative)
    {
        var tolerance = Math.Max(absoluteUs, (long)(rest * relative));
        Assert.True(Math.Abs(early - rest) <= tolerance,
            $"{what}: first 10 s {early} us against {rest} us after (tolerance {tolerance} us)");
    }

    private static HistogramBase Merge(IEnumerable<IntervalHistogram> intervals)
    {
        var merged = new LongHistogram(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits);
        foreach (var interval in intervals)
        {
            interval.AddTo(merged);
        }

        return merged;
    }
}
