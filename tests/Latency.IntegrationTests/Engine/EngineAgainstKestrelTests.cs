using System.Diagnostics;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.Engine;

/// <summary>The engine against a real Kestrel server on loopback: rate accuracy and coordinated omission.</summary>
[Collection(TimingSensitive.Name)]
public sealed class EngineAgainstKestrelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Inject_500PerSecondFor10Seconds_AchievesRateWithin1PercentWithoutBursts()
    {
        await using var server = await LocalServer.StartAsync();
        using var client = new HandsetHttpClient(new HttpClientSettings { MaxConnectionsPerServer = 50 });
        var starts = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var scenario = Scenario.Create("rate", async ctx => { if (ctx.IsRecording) starts.Enqueue(Stopwatch.GetTimestamp()); return await Step.Run("get", ctx,
                () => client.SendAsync(HttpMethod.Get, server.BaseUrl, null, 0, TimeSpan.FromSeconds(5), ctx.CancellationToken)); })
            .WithLoadSimulations(Simulation.Inject(500, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)))
            .WithMaxConcurrency(50)
            // A cold process spends its first second compiling Kestrel's and the client's code; warm-up absorbs it.
            .WithWarmUpDuration(TimeSpan.FromSeconds(2));

        var result = await new LoadEngine(new EngineOptions()).RunAsync([scenario], CancellationToken.None);

        var counters = result.Scenarios[0].Counters;
        // The server also saw the warm-up's requests first; the recorded run is the last 5,000.
        var arrivals = server.Arrivals.Order().ToArray()[^5000..];
        var spanSeconds = (arrivals[^1] - arrivals[0]) / (double)Stopwatch.Frequency;
        // n arrivals span n-1 gaps of 1/rate each.
        var achieved = (arrivals.Length - 1) / spanSeconds;
        var busiestWindow = BusiestWindow(arrivals, TimeSpan.FromMilliseconds(10));
        var clientBusiest = BusiestWindow(starts.Order().ToArray(), TimeSpan.FromMilliseconds(10));
        output.WriteLine($"arrivals={arrivals.Length} span={spanSeconds:0.000}s achieved={achieved:0.00}/s busiest 10ms window: server {busiestWindow}, client {clientBusiest}; dropped={counters.Dropped} failed={counters.Failed}");

        Assert.Equal(5000, counters.Intended);
        Assert.Equal(0, counters.Dropped);
        Assert.Equal(0, counters.Failed);
        Assert.InRange(achieved, 495, 505);
        // 500/s puts 5 arrivals in an average 10 ms window; batching per interval would put 500 in one. The bound
        // leaves room for one catch-up after a stall of the machine: a 2-vCPU microVM's host was measured stalling a
        // real-time thread for 10-18 ms now and then, after which the arrivals due meanwhile (5-9) go out together
        // (a CI run saw 13 in a window, on top of the 5 that window had anyway).
        Assert.InRange(busiestWindow, 1, 25);
        Assert.InRange(clientBusiest, 1, 25);
    }

    [Fact]
    public async Task CoordinatedOmission_OneSecondStallAt100PerSecond_CorrectedP99ShowsStallUncorrectedP95DoesNot()
    {
        await using var server = await LocalServer.StartAsync();
        using var client = new HandsetHttpClient(new HttpClientSettings { MaxConnectionsPerServer = 10 });
        var scenario = Scenario.Create("stall", async ctx => await Step.Run("get", ctx,
                () => client.SendAsync(HttpMethod.Get, server.BaseUrl, null, 0, TimeSpan.FromSeconds(5), ctx.CancellationToken)))
            .WithLoadSimulations(Simulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)))
            .WithMaxConcurrency(10);

        server.ArmStall(after: TimeSpan.FromSeconds(5), duration: TimeSpan.FromSeconds(1));
        var result = await new LoadEngine(new EngineOptions()).RunAsync([scenario], CancellationToken.None);

        var corrected = result.Histograms.Total(new MetricKey("stall", MetricKey.IterationStep, MetricKinds.Corrected));
        var uncorrected = result.Histograms.Total(new MetricKey("stall", MetricKey.IterationStep, MetricKinds.Uncorrected));
        var correctedP99 = corrected.GetValueAtPercentile(99) / 1000.0;
        var uncorrectedP95 = uncorrected.GetValueAtPercentile(95) / 1000.0;
        var uncorrectedP50 = uncorrected.GetValueAtPercentile(50) / 1000.0;
        output.WriteLine($"count={corrected.TotalCount} corrected p99={correctedP99:0.0} ms uncorrected p50={uncorrectedP50:0.0} ms p95={uncorrectedP95:0.0} ms dropped={result.Scenarios[0].Counters.Dropped}");

        Assert.Equal(1000, corrected.TotalCount);
        Assert.Equal(0, result.Scenarios[0].Counters.Dropped);
        // Requests due during the stall wait up to 1 s: 10% of the run, so the top 1% sits near 900 ms.
        Assert.InRange(correctedP99, 800, 1100);
        // Only the 10 requests in flight when the stall began saw it from their actual start.
        Assert.InRange(uncorrectedP95, 0, 50);
    }

    private static int BusiestWindow(long[] sortedTimestamps, TimeSpan window)
    {
        var width = (long)(window.TotalSeconds * Stopwatch.Frequency);
        var best = 0;
        var left = 0;
        for (var right = 0; right < sortedTimestamps.Length; right++)
        {
            while (sortedTimestamps[right] - sortedTimestamps[left] >= width)
            {
                left++;
            }

            best = Math.Max(best, right - left + 1);
        }

        return best;
    }
}
