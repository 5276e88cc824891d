using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.Micro.MaxRate;

namespace Latency.Micro.EngineAllocations;

/// <summary>
/// <c>engine-allocations</c> (issue 17): bytes allocated per request on max-rate's path, layer by layer, against the
/// handset backend in its own process (so the server's allocations are not counted): SocketsHttpHandler alone (the
/// runtime's floor), <see cref="HandsetHttpClient"/> (phase timing, timeout, error mapping), <see cref="Step.Run(string, ScenarioContext, Func{Task{Response}})"/>
/// with recording, and the whole engine (closed model, iterations, contexts, interval snapshots). Bytes are counted,
/// not timed, so a busy machine does not change them; the CPU column is a rough hint only. Prints Markdown.
/// Exit codes: 0 done, 2 bad arguments, 3 the server failed or a layer had failures.
/// </summary>
public static class EngineAllocationsCommand
{
    private const int WarmUpRequests = 2_000;

    /// <summary>How long the whole engine runs before the first layer is measured (<see cref="WarmUpJitAsync"/>).</summary>
    private static readonly TimeSpan JitWarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after <c>engine-allocations</c>.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var (parsed, errors) = EngineAllocationsOptions.Parse(args);
        if (parsed is not { } options)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"engine-allocations: {error}");
            }

            await Console.Error.WriteLineAsync(EngineAllocationsOptions.Usage);
            return 2;
        }

        try
        {
            await using var server = await ServerProcess.StartAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            var url = server.BaseUrl;
            await WarmUpJitAsync(url, options);
            var rows = new List<(LayerAllocation Row, double CpuMicrosPerRequest)>
            {
                await MeasureLoopsAsync("SocketsHttpHandler alone (runtime floor)", options, HandlerLayer(options.Connections, url)),
                await MeasureLoopsAsync("HandsetHttpClient.SendAsync", options, ClientLayer(options.Connections, url)),
                await MeasureLoopsAsync("Step.Run(\"get\") over it, recording", options, StepLayer(options.Connections, url)),
                await MeasureEngineAsync(url, options),
            };
            var byType = await SampleEngineByTypeAsync(url, options);
            Console.WriteLine(Format(options, rows, byType));
            return rows.Any(r => r.Row.Failed > 0) ? 3 : 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            await Console.Error.WriteLineAsync($"engine-allocations: {ex.Message}");
            return 3;
        }
    }

    /// <summary>
    /// Whole-engine runs for <see cref="JitWarmUp"/> before any layer is measured: with tiered compilation, methods are
    /// recompiled (optimised, with profile data) in the background some time after their first calls, later still on
    /// a busy machine, and 2,000 requests did not cover it, so the first layer measured (the handler alone, whose code
    /// every layer runs) carried the tier-up: 27-45 us of CPU a request against 16-26 for the layers above it; with
    /// <c>DOTNET_TieredCompilation=0</c> all four rows were level (~26 us).
    /// </summary>
    private static async Task WarmUpJitAsync(Uri url, EngineAllocationsOptions options)
    {
        await Console.Error.WriteLineAsync($"engine-allocations: warming up for {JitWarmUp.TotalSeconds:0} s ...");
        var start = Stopwatch.GetTimestamp();
        do
        {
            await RunEngineAsync(url, options.Connections, WarmUpRequests).ConfigureAwait(false);
        }
        while (Stopwatch.GetElapsedTime(start) < JitWarmUp);
    }

    /// <summary>One request of a layer; true when it failed.</summary>
    private delegate Task<bool> LayerRequest();

    private static (IDisposable Owner, LayerRequest Send) HandlerLayer(int connections, Uri url)
    {
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        });
        return (invoker, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
            using var response = await invoker.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
            await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            while (await body.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }

            ArrayPool<byte>.Shared.Return(buffer);
            return !response.IsSuccessStatusCode;
        });
    }

    private static (IDisposable Owner, LayerRequest Send) ClientLayer(int connections, Uri url)
    {
        var client = EngineClient.CreateClient(connections);
        return (client, async () =>
            (await client.SendAsync(HttpMethod.Get, url, null, 0, TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false)).IsError);
    }

    private static (IDisposable Owner, LayerRequest Send) StepLayer(int connections, Uri url)
    {
        var client = EngineClient.CreateClient(connections);
        var scenario = EngineClient.CreateScenario(client, url);
        var recorders = new LatencyRecorders();
        var counters = new ScenarioCounters(EngineClient.ScenarioName, recorders);
        var clock = MonotonicClock.System;
        // One context for all: what the engine adds per iteration (its context among it) is the next row's share.
        var context = new ScenarioContext(EngineClient.ScenarioName, 0, new Dictionary<string, object>(), counters, recorders,
            clock, recording: true, CancellationToken.None);
        return (client, async () => (await scenario.Run(context).ConfigureAwait(false)).IsError);
    }

    private static async Task<(LayerAllocation, double)> MeasureLoopsAsync(string layer, EngineAllocationsOptions options,
        (IDisposable Owner, LayerRequest Send) setup)
    {
        await Console.Error.WriteLineAsync($"engine-allocations: {layer} ...");
        using var owner = setup.Owner;
        await RunLoopsAsync(setup.Send, options.Connections, WarmUpRequests);
        var perLoop = Math.Max(1, options.Requests / options.Connections);
        var before = Counts.Now();
        var failed = await RunLoopsAsync(setup.Send, options.Connections, perLoop * options.Connections);
        var requests = (long)perLoop * options.Connections;
        var used = Counts.Now() - before;
        var row = new LayerAllocation(layer, requests, used.Bytes, failed, used.WorkItems, used.LockContentions);
        return (row, used.Cpu.TotalMicroseconds / requests);
    }

    /// <summary>Closed loops, one per connection, as max-rate's copies; returns the failures.</summary>
    private static async Task<long> RunLoopsAsync(LayerRequest send, int loops, int requests)
    {
        long failed = 0;
        var perLoop = Math.Max(1, requests / loops);
        await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perLoop; i++)
            {
                if (await send().ConfigureAwait(false))
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }))).ConfigureAwait(false);
        return failed;
    }

    /// <summary>
    /// The whole engine on max-rate's scenario, run twice (a short and a long run): the difference between them is
    /// what the extra requests allocated, without what a run allocates once (recorders, tasks, the collector).
    /// </summary>
    private static async Task<(LayerAllocation, double)> MeasureEngineAsync(Uri url, EngineAllocationsOptions options)
    {
        const string layer = "whole engine (max-rate's scenario, KeepConstant-like closed loop)";
        await Console.Error.WriteLineAsync($"engine-allocations: {layer} ...");
        var shortRun = Math.Max(options.Connections, options.Requests / 5);
        await RunEngineAsync(url, options.Connections, WarmUpRequests);
        var (shortRunUsed, _, shortCompleted) = await RunEngineAsync(url, options.Connections, shortRun);
        var (longRunUsed, failed, longCompleted) = await RunEngineAsync(url, options.Connections, shortRun + options.Requests);
        var requests = longCompleted - shortCompleted;
        var used = longRunUsed - shortRunUsed;
        return (new LayerAllocation(layer, requests, used.Bytes, failed, used.WorkItems, used.LockContentions), used.Cpu.TotalMicroseconds / requests);
    }

    private static async Task<(Counts Used, long Failed, long Completed)> RunEngineAsync(Uri url, int connections, int iterations)
    {
        var before = Counts.Now();
        using var client = EngineClient.CreateClient(connections);
        var scenario = EngineClient.CreateScenario(client, url)
            .WithLoadSimulations(Simulation.IterationsForConstant(connections, iterations));
        var result = await new LoadEngine(new EngineOptions()).RunAsync([scenario], CancellationToken.None).ConfigureAwait(false);
        var counters = result.Scenarios[0].Counters;
        return (Counts.Now() - before, counters.Failed, counters.Completed);
    }

    /// <summary>
    /// Two more runs of the engine, short and long as in <see cref="MeasureEngineAsync"/>, with the allocation sampler
    /// on (its events allocate too, so apart from the measured runs): the long run's samples less the short one's leave
    /// out what a run allocates once (the recorders of its metrics, ~190 KB each).
    /// </summary>
    private static async Task<IReadOnlyList<(string Type, long Bytes)>> SampleEngineByTypeAsync(Uri url, EngineAllocationsOptions options)
    {
        await Console.Error.WriteLineAsync("engine-allocations: sampling the engine's allocations by type ...");
        using var sampler = new AllocationSampler();
        var shortRun = Math.Max(options.Connections, options.Requests / 5);
        await RunEngineAsync(url, options.Connections, WarmUpRequests);
        sampler.Sampling = true;
        await RunEngineAsync(url, options.Connections, shortRun);
        var shortSamples = sampler.ByType().ToDictionary(t => t.Type, t => t.Bytes, StringComparer.Ordinal);
        sampler.Clear();
        await RunEngineAsync(url, options.Connections, shortRun + options.Requests);
        sampler.Sampling = false;
        return [.. sampler.ByType()
            .Select(t => (t.Type, Bytes: t.Bytes - shortSamples.GetValueOrDefault(t.Type)))
            .Where(t => t.Bytes > 0)
            .OrderByDescending(t => t.Bytes)];
    }

    private static string Format(EngineAllocationsOptions options, IReadOnlyList<(LayerAllocation Row, double CpuMicrosPerRequest)> rows,
        IReadOnlyList<(string Type, long Bytes)> byType)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## Engine allocations per request");
        text.AppendLine();
        text.AppendLine(inv, $"- Server: the handset backend's `GET /health` in its own process (`serve`), so only the client's bytes count.");
        text.AppendLine(inv, $"- Load: {options.Connections} closed loops (one keep-alive HTTP/1.1 connection each), {options.Requests:N0} requests per layer after {WarmUpRequests:N0} of warm-up, all after {JitWarmUp.TotalSeconds:0} s of the whole engine (tiered compilation settles first).");
        text.AppendLine("- Bytes: `GC.GetTotalAllocatedBytes(precise: true)` of the whole process over the layer's requests; the engine row is the difference between a short and a long run.");
        text.AppendLine();
        text.AppendLine("| layer | requests | bytes/request | added by the layer | failed | pool work items/request | lock contentions/1,000 requests | client CPU us/request (hint only) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        double? previous = null;
        foreach (var (row, cpu) in rows)
        {
            var added = previous is { } p ? (row.BytesPerRequest - p).ToString("+0;-0", inv) : "";
            text.AppendLine(inv, $"| {row.Layer} | {row.Requests:N0} | {row.BytesPerRequest:0} | {added} | {row.Failed:N0} | {row.WorkItemsPerRequest:0.00} | {row.LockContentionsPerThousand:0.0} | {cpu:0.0} |");
            previous = row.BytesPerRequest;
        }

        text.AppendLine();
        var sampled = byType.Sum(t => t.Bytes);
        if (sampled > 0)
        {
            text.AppendLine("Whole engine, bytes by type (GCAllocationTick samples ~100 KB apart, long run less short run: a proportion, not a count):");
            text.AppendLine();
            text.AppendLine("| type | share |");
            text.AppendLine("|---|---:|");
            foreach (var (type, bytes) in byType.Take(20))
            {
                text.AppendLine(inv, $"| `{type}` | {bytes * 100.0 / sampled:0.0}% |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
