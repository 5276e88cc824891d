using Latency.RunDirectory;
using System.Net;
using Latency.Bench.Http;
using Latency.World.Emulation;
using Latency.World.Runtime;

namespace Latency.Bench.Calibration;

/// <summary>
/// Measures every path of a running world against its configured model. Latency measurements of different paths
/// run side by side (they are light); throughput runs one path at a time so paths do not compete for the
/// emulator's CPU; loss uses UDP, only where namespaces exist (the relay cannot lose packets).
/// </summary>
public sealed class Calibrator(WorldState world, CalibrationOptions options)
{
    public async Task<CalibrationTable> RunAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var paths = world.Paths.Where(p => options.Paths.Count == 0 || options.Paths.Contains($"{p.Probe}/{p.Deployment}")).ToList();
        var results = new CalibrationPath[paths.Count];
        var gate = new SemaphoreSlim(options.Parallel);
        var done = 0;
        await Task.WhenAll(paths.Select(async (path, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                results[i] = await LatencyAndLossAsync(path, cancellationToken).ConfigureAwait(false);
                progress($"[{Interlocked.Increment(ref done)}/{paths.Count}] {path.Probe} -> {path.Deployment}: connect p50 {results[i].ConnectP50Ms:0.00} ms (configured {path.RttMs:0.0})");
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        var radio = await RadioAsync(paths, progress, cancellationToken).ConfigureAwait(false);
        var residual = await ResidualOverheadAsync(cancellationToken).ConfigureAwait(false);
        if (residual is not null)
        {
            progress(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"[overhead] emulator forwarding time left after compensation: up {residual.Up.MedianMs:0.000} ms, down {residual.Down.MedianMs:0.000} ms"));
        }

        if (options.ThroughputSeconds > 0)
        {
            for (var i = 0; i < paths.Count; i++)
            {
                var probe = new PathProbe(world, paths[i]);
                var (url, settings) = probe.Client();
                using var client = new HandsetHttpClient(settings);
                var (down, up) = await probe.ThroughputAsync(client, url, options.ThroughputSeconds, paths[i].RttMs, cancellationToken).ConfigureAwait(false);
                results[i] = results[i] with { MeasuredDownMbps = Round(down), MeasuredUpMbps = Round(up) };
                progress($"[throughput {i + 1}/{paths.Count}] {paths[i].Probe} -> {paths[i].Deployment}: down {down:0.00} Mbit/s, up {up:0.00} Mbit/s");
            }
        }

        return new CalibrationTable
        {
            World = world.WorldName,
            Profile = world.Profile,
            Backend = world.Backend,
            MeasuredUtc = DateTimeOffset.UtcNow,
            Emulator = CalibrationRecords.Emulator(options.EmulatorStats?.Invoke()),
            ResidualOverhead = CalibrationRecords.Overhead(residual),
            Paths = results,
            Radio = radio,
        };
    }

    /// <summary>
    /// The handset radio of every measured probe that has one, all probes at once (each waits about 1.1 x its tail
    /// timer); empty on the relay backend, with <see cref="CalibrationOptions.RadioSamples"/> 0, or without radios.
    /// </summary>
    private async Task<IReadOnlyList<CalibrationRadio>> RadioAsync(IReadOnlyList<PathState> paths, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var probes = world.Probes
            .Where(p => paths.Any(path => path.Probe == p.Name) && RadioProbe.Applies(world, p))
            .ToList();
        if (options.RadioSamples <= 0 || probes.Count == 0)
        {
            return [];
        }

        var samples = Math.Min(options.RadioSamples, RadioProbe.MaxSamples);
        progress($"[radio] {probes.Count} probes: waking {samples} handsets each, then waiting for their radios to fall idle (~{probes.Max(p => p.Handsets!.TailMs ?? 0) * 1.1 / 1000:0} s)");
        var radios = await Task.WhenAll(probes.Select(p => new RadioProbe(world, p).MeasureAsync(samples, options.RadioTailCheck, cancellationToken)))
            .ConfigureAwait(false);
        foreach (var r in radios)
        {
            progress(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"[radio] {r.Probe}: promotion {r.MeasuredPromotionMs:0.0} ms measured, {r.ConfiguredPromotionMs:0.0} configured"));
        }

        return radios;
    }

    /// <summary>
    /// The emulator's forwarding time measured again, on the path the world measured it on at start, with the
    /// compensation in force: what is left of it (ideally about zero). Alone, after the parallel measurements, so
    /// nothing else runs meanwhile. Null for the relay backend or a world that measured nothing.
    /// </summary>
    private async Task<ForwardingOverhead?> ResidualOverheadAsync(CancellationToken cancellationToken)
    {
        if (world.Backend != NetworkBackend.Tun || options.OverheadSamples <= 0 || options.EmulatorStats?.Invoke()?.Compensation is not { } compensation
            || world.Paths.FirstOrDefault(p => p.Probe == compensation.Probe && p.Deployment == compensation.Deployment) is not { } path)
        {
            return null;
        }

        var probe = world.Probes.Single(p => p.Name == path.Probe);
        var deployment = world.Deployments.Single(d => d.Name == path.Deployment);
        var oneWay = TimeSpan.FromMilliseconds(path.RttMs / 2);
        return await Task.Factory.StartNew(() =>
        {
            var up = ForwardingOverheadProbe.Measure(probe.Namespace!, deployment.Namespace!, IPAddress.Parse(new Uri(deployment.Url).Host),
                ForwardingOverheadProbe.ExpectedDelay(oneWay, path.UpMbps * 1e6), options.OverheadSamples, cancellationToken);
            var down = ForwardingOverheadProbe.Measure(deployment.Namespace!, probe.Namespace!, IPAddress.Parse(probe.Address!),
                ForwardingOverheadProbe.ExpectedDelay(oneWay, path.DownMbps * 1e6), options.OverheadSamples, cancellationToken);
            return new ForwardingOverhead(path.Probe, path.Deployment, up, down);
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
    }

    private async Task<CalibrationPath> LatencyAndLossAsync(PathState path, CancellationToken cancellationToken)
    {
        var probe = new PathProbe(world, path);
        var notes = new List<string>();
        var (connectP50, connectP99, samples) = await probe.ConnectAsync(options.ConnectSamples, cancellationToken).ConfigureAwait(false);
        if (world.Backend == NetworkBackend.Relay)
        {
            notes.Add("relay: the kernel completes a loopback connect at once; the path's round trip is added before the first response instead");
        }

        var (url, settings) = probe.Client();
        using var client = new HandsetHttpClient(settings);
        var request = await probe.RequestAsync(client, url, options.RequestSamples, cancellationToken).ConfigureAwait(false);
        double? lossUp = null, lossDown = null;
        if (world.Backend == NetworkBackend.Tun && options.LossDatagrams > 0)
        {
            var loss = await probe.LossAsync(options.LossDatagrams, cancellationToken).ConfigureAwait(false);
            (lossUp, lossDown) = (loss.UpPct, loss.DownPct);
            if (loss.UpReceiverDrops + loss.DownReceiverDrops > 0)
            {
                notes.Add($"loss probe: the receiving socket dropped {loss.UpReceiverDrops} up and {loss.DownReceiverDrops} down itself (not counted as loss)");
            }
        }
        else if (world.Backend != NetworkBackend.Tun)
        {
            notes.Add("relay: loss is not modelled");
        }

        return new CalibrationPath
        {
            Probe = path.Probe,
            Deployment = path.Deployment,
            ConfiguredRttMs = path.RttMs,
            ConnectP50Ms = Round(connectP50),
            ConnectP99Ms = Round(connectP99),
            ConnectSamples = samples,
            RequestP50Ms = Round(request),
            ConfiguredDownMbps = path.DownMbps,
            ConfiguredUpMbps = path.UpMbps,
            ConfiguredLossUpPct = path.LossUpPct,
            ConfiguredLossDownPct = path.LossDownPct,
            MeasuredLossUpPct = Round(lossUp),
            MeasuredLossDownPct = Round(lossDown),
            LossProbes = lossUp is null ? 0 : options.LossDatagrams,
            Notes = notes,
        };
    }

    private static double? Round(double? value) => value is { } v && !double.IsNaN(v) ? Math.Round(v, 3) : null;
}
