using System.Runtime;
using HdrHistogram;
using Latency.World.Emulation;
using Latency.World.Network;
using Latency.World.Radio;

namespace Latency.World.Runtime;

/// <summary>
/// The world's network process: namespaces, TUN devices and the WAN emulator, nothing else. It runs apart from the
/// backends so that their garbage collections never pause the forwarding thread.
/// </summary>
public static class NetworkPart
{
    /// <summary>Datagrams each way for the overhead measurement: about a second a direction.</summary>
    private const int OverheadSamples = 60;

    public static string StatsFile(WorldDirectory directory) => Path.Combine(directory.Path, "emulator-stats.json");

    /// <summary>Where the network process writes <see cref="EmulatorLateness"/>, next to <see cref="StatsFile"/>.</summary>
    public static string LatenessFile(WorldDirectory directory) => Path.Combine(directory.Path, "emulator-lateness.json");

    public static async Task<int> RunAsync(WorldDirectory directory, TextWriter log, CancellationToken stop)
    {
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        var plan = directory.Read<WorldPlan>(directory.PlanFile)
                   ?? throw new IOException($"no world plan at {directory.PlanFile}");
        var radios = plan.Probes.Where(p => p.Radio is not null).ToDictionary(p => p.Name, p => p.Radio!, StringComparer.Ordinal);
        // The harness reads each handset's radio waits from here (a session's radio time); created before the network
        // so the emulator never runs without it, and left on disk after, so a last reading still works.
        using var ledger = RadioLedger.Create(directory.RadioLedgerFile, plan.NodeNames.Count, HandsetAddressPlan.HandsetsPerNode,
            System.Diagnostics.Stopwatch.Frequency);
        await using var network = await EmulatedNetwork.StartAsync(plan.Prefix, plan.NodeNames, plan.Paths, plan.Seed, radios, stop, ledger)
            .ConfigureAwait(false);
        // Before anything else uses the network (the backends start once it is ready): the emulator's own forwarding
        // time, measured on a quiet machine and taken off every packet's delay from here on.
        ForwardingOverhead? compensation = null;
        try
        {
            compensation = await Task.Run(() => network.MeasureOverhead(OverheadSamples, stop), stop).ConfigureAwait(false);
            network.Compensate(compensation);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            // A kernel without receive timestamps, say: the world still works, only uncompensated, and says so.
            await log.WriteLineAsync($"forwarding overhead not measured, so not compensated: {ex.Message}").ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(directory.NetworkReadyFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), stop)
            .ConfigureAwait(false);
        await log.WriteLineAsync($"network up: {network.Nodes.Count} namespaces, real-time forwarding thread: {network.RealTimeScheduling}").ConfigureAwait(false);
        if (compensation is not null)
        {
            await log.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"forwarding overhead on {compensation.Probe}/{compensation.Deployment}, compensated: up {compensation.Up.MedianMs:0.000} ms (p90 {compensation.Up.P90Ms:0.000}, {compensation.Up.Samples} samples), down {compensation.Down.MedianMs:0.000} ms (p90 {compensation.Down.P90Ms:0.000}, {compensation.Down.Samples} samples)")).ConfigureAwait(false);
        }

        EnterNoGcRegion();
        var lateness = new LongHistogram(1, 10_000_000_000, 3);
        var latenessUs = EmulatorLateness.NewHistogram();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (network.Failure is { } failure)
            {
                await log.WriteLineAsync($"the WAN emulator stopped: {failure}").ConfigureAwait(false);
                return 3;
            }

            var interval = network.TakeLateness();
            lateness.Add(interval);
            foreach (var bucket in interval.RecordedValues())
            {
                latenessUs.RecordValueWithCount(Math.Min(bucket.ValueIteratedTo / 1000, EmulatorLateness.HighestUs), bucket.CountAtValueIteratedTo);
            }

            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
            {
                // The budget ran out (hours of statistics) and a collection happened: take a fresh one.
                EnterNoGcRegion();
            }

            var counters = network.Counters;
            directory.Write(StatsFile(directory), new EmulatorStats(DateTimeOffset.UtcNow, network.RealTimeScheduling,
                counters.Forwarded, counters.Lost, counters.NoRoute, counters.NoBuffer,
                Us(lateness, 50), Us(lateness, 99), Us(lateness, 99.9), lateness.TotalCount == 0 ? 0 : lateness.GetMaxValue() / 1000.0,
                compensation));
            directory.Write(LatenessFile(directory), new EmulatorLateness(DateTimeOffset.UtcNow, counters.Forwarded, counters.Lost,
                latenessUs.RecordedValues().Select(b => new[] { b.ValueIteratedTo, b.CountAtValueIteratedTo }).ToList()));
        }

        await log.WriteLineAsync("network stopping: removing namespaces").ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// A garbage collection suspends every managed thread, the forwarding thread too as soon as it returns from
    /// ppoll: rare ~2 ms outliers in connect times. Once set up, this process allocates only a little per statistics
    /// update, so it can run without any collection for hours inside a no-GC region.
    /// </summary>
    private static void EnterNoGcRegion()
    {
        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.TryStartNoGCRegion(64L * 1024 * 1024);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // Not available with this GC configuration: run with ordinary (short) collections.
        }
    }

    private static double Us(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
}
