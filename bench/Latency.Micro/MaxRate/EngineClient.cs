using System.Net;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Recording;

namespace Latency.Micro.MaxRate;

/// <summary>
/// Our engine as a maximum-throughput client: closed model (<c>KeepConstant</c> with one copy per connection, each
/// sending its next request as soon as the previous one ends), HTTP/1.1, one connection per copy, as wrk runs.
/// </summary>
public static class EngineClient
{
    public const string ScenarioName = "max-rate";

    /// <summary>The client max-rate drives: HTTP/1.1, at most <paramref name="connections"/> keep-alive connections.</summary>
    /// <param name="connections">Connections to the server, one per copy.</param>
    public static HandsetHttpClient CreateClient(int connections) => new(new HttpClientSettings
    {
        HttpVersion = HttpVersion.Version11,
        MaxConnectionsPerServer = connections,
    });

    /// <summary>
    /// max-rate's scenario without its load simulation: one recorded step, <c>get</c>, per iteration, through
    /// <see cref="Step"/> (the full recording path).
    /// </summary>
    /// <param name="client">The client, from <see cref="CreateClient"/>.</param>
    /// <param name="url">The target.</param>
    public static ScenarioProps CreateScenario(HandsetHttpClient client, Uri url) =>
        Scenario.Create(ScenarioName, ctx => Step.Run("get", ctx, (client, url, ctx.CancellationToken),
            static s => s.client.SendAsync(HttpMethod.Get, s.url, null, 0, TimeSpan.FromSeconds(5), s.CancellationToken)));

    public static async Task<RateFigures> RunAsync(Uri url, MaxRateOptions options, Func<TimeSpan>? serverCpu, CancellationToken cancellationToken)
    {
        using var client = CreateClient(options.Connections);
        var scenario = CreateScenario(client, url)
            .WithLoadSimulations(Simulation.KeepConstant(options.Connections, TimeSpan.FromSeconds(options.Seconds)))
            .WithWarmUpDuration(TimeSpan.FromSeconds(options.WarmUpSeconds));

        var wallStart = MonotonicClock.System.Now;
        var clientCpuStart = CpuTime.Self();
        var serverCpuStart = serverCpu?.Invoke();
        var result = await new LoadEngine(new EngineOptions()).RunAsync([scenario], cancellationToken).ConfigureAwait(false);
        // CPU is averaged over the whole run, warm-up included: the load is the same throughout.
        var wall = MonotonicClock.System.ToTimeSpan(MonotonicClock.System.Now - wallStart).TotalSeconds;
        var clientCores = (CpuTime.Self() - clientCpuStart).TotalSeconds / wall;
        double? serverCores = serverCpu is not null && serverCpuStart is { } s ? (serverCpu() - s).TotalSeconds / wall : null;

        var counters = result.Scenarios[0].Counters;
        var latency = result.Histograms.Total(new MetricKey(ScenarioName, MetricKey.IterationStep, MetricKinds.Corrected));
        return new RateFigures(
            $"Latency engine (KeepConstant {options.Connections})",
            counters.Completed / (double)options.Seconds,
            latency.TotalCount > 0 ? latency.GetValueAtPercentile(50) / 1000.0 : double.NaN,
            latency.TotalCount > 0 ? latency.GetValueAtPercentile(99) / 1000.0 : double.NaN,
            counters.Completed,
            counters.Failed,
            serverCpu is null ? null : clientCores,
            serverCores);
    }
}
