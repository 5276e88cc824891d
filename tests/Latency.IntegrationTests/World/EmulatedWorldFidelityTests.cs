using System.Diagnostics;
using System.Globalization;
using Latency.Bench.Calibration;
using Latency.Bench.Http;
using Latency.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.World;

/// <summary>
/// The emulated world against its configuration (kernel backend, namespaces, the WAN emulator): TCP connect time
/// with our client and with curl, loss, bandwidth. Needs root; CI runs it.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class EmulatedWorldFidelityTests(WorldFixture world, ITestOutputHelper output) : IClassFixture<WorldFixture>
{
    /// <remarks>
    /// What a user relies on, with room for a busy 2-core machine (the other test assembly runs beside this one): the
    /// median within max(0.5 ms, 1%) of the configured RTT once the emulator's own time is compensated, no connect
    /// faster than that (compensation must never make a path shorter than configured), p90 within max(10 ms, 5%) and
    /// p99 within max(20 ms, 10%): a full CI run saw 308 ms at p99 on the 300 ms path, and a run on a quiet 2-vCPU
    /// microVM, while its host stalled both CPUs for up to 16 ms at a time, 84 ms at p90 and 93 ms at p99 on the
    /// 80 ms path, both with the median in place. An emulator that adds
    /// delay of its own moves the median; one that stalls or adds jitter moves p90 and p99 past these. The tight
    /// figures, on a quiet machine, are the world-fidelity benchmark's (bench/results).
    /// </remarks>
    [RequiresRootTheory]
    [InlineData("d5", 5.0)]
    [InlineData("d20", 20.0)]
    [InlineData("d80", 80.0)]
    [InlineData("d300", 300.0)]
    public async Task Connect_OurClient_MedianWithinHalfMillisecondOrOnePercentTailWithinBusyMachineBounds(string deployment, double rttMs)
    {
        var path = world.State.Paths.Single(p => p.Deployment == deployment);
        Assert.Equal(rttMs, path.RttMs, 3);

        // 100 samples a path, taken once for all four in interleaved rounds: the p99 of fewer would be the single
        // slowest connect.
        var times = (await world.DelayPathConnectTimesAsync())[Array.IndexOf(WorldFixture.DelayPaths, deployment)];
        var distribution = $"{deployment}: configured {rttMs} ms, connect over {times.Count}: {Distribution(times)}";
        output.WriteLine(distribution);

        Assert.True(times.Count == 100, distribution);
        Assert.True(Math.Abs(PathProbe.Quantile(times, 0.5) - rttMs) <= Tolerance(rttMs), $"median off by more than {Tolerance(rttMs)} ms: {distribution}");
        Assert.True(times[0] >= rttMs - Tolerance(rttMs), $"a connect faster than configured: {distribution}");
        Assert.True(PathProbe.Quantile(times, 0.9) <= rttMs + Math.Max(10, rttMs * 0.05), $"p90: {distribution}");
        Assert.True(PathProbe.Quantile(times, 0.99) <= rttMs + Math.Max(20, rttMs * 0.1), $"p99: {distribution}");
    }

    /// <remarks>
    /// The world measured its own forwarding time when it came up and compensates it. A figure outside 0-2 ms a
    /// direction would be a broken measurement (a clock mix-up or a missed delay reads tens of ms), not a slow machine.
    /// </remarks>
    [RequiresRootFact]
    public async Task Compensation_MeasuredAtWorldStart_BothDirectionsWithSamplesAndPlausibleSize()
    {
        var file = Latency.World.Runtime.NetworkPart.StatsFile(new Latency.World.Runtime.WorldDirectory(world.StateDirectory));
        Latency.World.Runtime.EmulatorStats? stats = null;
        for (var i = 0; i < 50 && stats is null; i++)
        {
            stats = new Latency.World.Runtime.WorldDirectory(world.StateDirectory).Read<Latency.World.Runtime.EmulatorStats>(file);
            if (stats is null)
            {
                await Task.Delay(100);
            }
        }

        var compensation = stats?.Compensation;
        output.WriteLine($"compensation: {compensation}");
        Assert.NotNull(compensation);
        Assert.True(compensation.Up.Samples >= 30 && compensation.Down.Samples >= 30, $"{compensation}");
        Assert.InRange(compensation.Up.MedianMs, 0, 2);
        Assert.InRange(compensation.Down.MedianMs, 0, 2);
    }

    [RequiresRootTheory]
    [InlineData("d5", 5.0)]
    [InlineData("d80", 80.0)]
    [InlineData("d300", 300.0)]
    public async Task Connect_Curl_IndependentClientAgrees(string deployment, double rttMs)
    {
        var probe = world.State.Probes.Single();
        var target = world.State.Deployments.Single(d => d.Name == deployment).Url + "health";
        var times = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            // curl's own clock: %{time_connect} is the TCP handshake, measured inside the probe's namespace.
            var info = new ProcessStartInfo("ip", ["netns", "exec", probe.Namespace!, "curl", "-s", "-o", "/dev/null", "--cacert", world.State.CaCertificateFile,
                "-w", "%{time_connect}", target]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var curl = Process.Start(info)!;
            var text = await curl.StandardOutput.ReadToEndAsync();
            await curl.WaitForExitAsync();
            Assert.True(curl.ExitCode == 0, $"curl failed ({curl.ExitCode}): {await curl.StandardError.ReadToEndAsync()}");
            if (i >= 2)
            {
                times.Add(double.Parse(text, CultureInfo.InvariantCulture) * 1000);
            }
        }

        times.Sort();
        var median = (times[4] + times[5]) / 2;
        var distribution = $"{deployment}: configured {rttMs} ms, curl time_connect median {median:0.000} ms over {times.Count}: {Distribution(times)}";
        output.WriteLine(distribution);
        Assert.True(Math.Abs(median - rttMs) <= Tolerance(rttMs), $"median off by more than {Tolerance(rttMs)} ms: {distribution}");
    }

    /// <remarks>
    /// The down direction has no loss configured, so every datagram must arrive, except any the receiving socket
    /// dropped itself (its buffer full while the test process paused): those are the reader's, counted by the kernel
    /// apart (Udp RcvbufErrors) and not the shaper's. The reader has a forced buffer for the whole run, so there
    /// should be none; the figure is printed either way.
    /// </remarks>
    [RequiresRootFact]
    public async Task Loss_ThreePercentUp_MeasuredWithin2Point4And3Point6OverFiveThousandPackets()
    {
        var path = world.State.Paths.Single(p => p.Deployment == "dloss");

        var before = await DropCountersAsync();
        var loss = await new PathProbe(world.State, path).LossAsync(5000, CancellationToken.None);
        var after = await DropCountersAsync();
        var figures = $"loss up {loss.UpPct:0.00}% (configured 3%), down {loss.DownPct:0.00}% (configured 0%); " +
                      $"dropped by the receiving socket itself: {loss.UpReceiverDrops} up, {loss.DownReceiverDrops} down; " +
                      $"interface drops meanwhile (namespace: rx/tx dropped): {string.Join(", ", after.Select(a => $"{a.Key} {a.Value.Rx - before[a.Key].Rx}/{a.Value.Tx - before[a.Key].Tx}"))}";
        output.WriteLine(figures);

        Assert.True(loss.UpPct is >= 2.4 and <= 3.6, figures);
        Assert.True(loss.DownPct == 0, figures);
    }

    [RequiresRootFact]
    public async Task Bandwidth_TenMegabitDown_BulkTransferWithinFivePercent()
    {
        var path = world.State.Paths.Single(p => p.Deployment == "dbw");
        var probe = new PathProbe(world.State, path);
        var (url, settings) = probe.Client();
        using var client = new HandsetHttpClient(settings);
        const long bytes = 6_000_000;

        var warm = await client.SendAsync(HttpMethod.Get, new Uri(url, "health"), null, 0, TimeSpan.FromSeconds(10), CancellationToken.None);
        var response = await client.SendAsync(HttpMethod.Get, new Uri(url, $"bytes/{bytes}"), null, 0, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.False(warm.IsError || response.IsError, response.Message);
        var seconds = (response.Phases!.TtfbMicros + response.Phases.TransferMicros) / 1e6 - path.RttMs / 1000;
        // The link carries IP packets; the body is what is left after IP, TCP (with timestamps) and TLS headers:
        // 1448 of every 1500 bytes.
        var linkMbps = bytes * 8 / 1e6 / seconds * 1500 / 1448;
        output.WriteLine($"6 MB in {seconds:0.000} s: {bytes * 8 / 1e6 / seconds:0.000} Mbit/s of body, {linkMbps:0.000} Mbit/s on the link (configured 10)");
        Assert.InRange(linkMbps, 9.5, 10.5);
    }

    /// <summary>
    /// Packets each namespace's interfaces dropped (rx, tx), as `ip -s link` counts them: where a datagram the shaper
    /// did not lose went missing (a TUN device's queue overflows when the emulator does not read it in time).
    /// </summary>
    private async Task<Dictionary<string, (long Rx, long Tx)>> DropCountersAsync()
    {
        var counters = new Dictionary<string, (long Rx, long Tx)>();
        foreach (var name in world.State.Probes.Select(p => p.Namespace!).Concat(world.State.Deployments.Where(d => d.Name == "dloss").Select(d => d.Namespace!)))
        {
            using var ip = Process.Start(new ProcessStartInfo("ip", ["-n", name, "-s", "-j", "link", "show"]) { RedirectStandardOutput = true })!;
            var json = await ip.StandardOutput.ReadToEndAsync();
            await ip.WaitForExitAsync();
            long rx = 0, tx = 0;
            foreach (var link in System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray())
            {
                if (link.TryGetProperty("stats64", out var stats))
                {
                    rx += stats.GetProperty("rx").GetProperty("dropped").GetInt64();
                    tx += stats.GetProperty("tx").GetProperty("dropped").GetInt64();
                }
            }

            counters[name] = (rx, tx);
        }

        return counters;
    }

    private static double Tolerance(double rttMs) => Math.Max(0.5, rttMs * 0.01);

    private static string Distribution(IReadOnlyList<double> sorted) => string.Join(", ",
        new[] { (0.0, "min"), (0.1, "p10"), (0.25, "p25"), (0.5, "p50"), (0.75, "p75"), (0.9, "p90"), (0.99, "p99"), (1.0, "max") }
            .Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Item2} {(q.Item1 == 0 ? sorted[0] : PathProbe.Quantile(sorted, q.Item1)):0.000}")));
}
