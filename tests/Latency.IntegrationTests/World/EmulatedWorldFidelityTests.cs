using System.Diagnostics;
using System.Globalization;
using Latency.Bench.Calibration;
using Latency.Bench.Http;
using Latency.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.World;

/// <summary>
/// The emulated world against its configuration (kernel backend, namespaces, the WAN emulator): TCP connect time
/// with our client and with curl, loss, bandwidth. Needs root; CI runs it. The bounds are CI's, for a busy machine;
/// the tight figures are the world-fidelity benchmark's.
/// </summary>
[Collection(EmulatedWorld.Name)]
public sealed class EmulatedWorldFidelityTests(WorldFixture world, ITestOutputHelper output)
{
    /// <remarks>
    /// CI's bounds: they catch a broken emulator (a delay missing, doubled or in one direction only, a constant delay
    /// of its own over 1 ms, stalls or jitter) without failing on a busy 2-core machine, where a package install
    /// beside the tests once moved the p99 of the 300 ms path to 308 ms. The median within max(1 ms, 2%) above and
    /// max(0.5 ms, 1%) below the configured RTT, no connect faster than that (a busy machine only adds time, and
    /// compensation must never make a path shorter than configured), p90 within max(10 ms, 5%) and p99 within
    /// max(20 ms, 10%): a quiet 2-vCPU microVM whose host stalled both CPUs for up to 16 ms at a time read 84 ms at
    /// p90 and 93 ms at p99 on the 80 ms path, with the median in place. The emulator's precision (median within
    /// max(0.3 ms, 0.5%), p99 within 1 ms) is the world-fidelity benchmark's, measured on a quiet machine and
    /// recorded in bench/results.
    /// </remarks>
    [RequiresRootTheory]
    [InlineData("d5", 5.0)]
    [InlineData("d20", 20.0)]
    [InlineData("d80", 80.0)]
    [InlineData("d300", 300.0)]
    public async Task Connect_OurClient_MedianAndTailWithinBusyMachineBounds(string deployment, double rttMs)
    {
        var path = world.Path(deployment);
        Assert.Equal(rttMs, path.RttMs, 3);

        // 100 samples a path (50 on the 300 ms one), taken once for all four in interleaved rounds: the p99 of fewer
        // would be the single slowest connect.
        var index = Array.IndexOf(WorldFixture.DelayPaths, deployment);
        var times = (await world.DelayPathConnectTimesAsync())[index];
        var distribution = $"{deployment}: configured {rttMs} ms, connect over {times.Count}: {Distribution(times)}";
        output.WriteLine(distribution);

        Assert.True(times.Count == WorldFixture.DelayPathSamples[index], distribution);
        Assert.True(PathProbe.Quantile(times, 0.5) <= rttMs + OursSlower(rttMs), $"median more than {OursSlower(rttMs)} ms slow: {distribution}");
        Assert.True(times[0] >= rttMs - Faster(rttMs), $"a connect faster than configured: {distribution}");
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

    /// <remarks>
    /// curl is an ordinary process: on a busy machine it reads its clock after connect when the scheduler lets it, so
    /// its median has more room above the RTT than our client's (a CI run beside a package install read 5.58 ms on
    /// the 5 ms path and 81.09 ms on the 80 ms one). A clock of ours that lied, or a delay missing or doubled, is
    /// still far outside.
    /// </remarks>
    [RequiresRootTheory]
    [InlineData("d5", 5.0)]
    [InlineData("d80", 80.0)]
    [InlineData("d300", 300.0)]
    public async Task Connect_Curl_IndependentClientAgrees(string deployment, double rttMs)
    {
        Assert.Equal(rttMs, world.Path(deployment).RttMs, 3);
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
        Assert.True(median >= rttMs - Faster(rttMs), $"median faster than configured: {distribution}");
        Assert.True(median <= rttMs + CurlSlower(rttMs), $"median more than {CurlSlower(rttMs)} ms slow: {distribution}");
    }

    /// <remarks>
    /// The down direction has no loss configured, so every datagram must arrive, except any the receiving socket
    /// dropped itself (its buffer full while the test process paused): those are the reader's, counted by the kernel
    /// apart (Udp RcvbufErrors) and not the shaper's. The reader has a forced buffer for the whole run, so there
    /// should be none; the figure is printed either way. Bounds: 3% of 5,000 packets has a standard deviation of
    /// 0.24%, so 2-4% is four of them either way, and a loss not applied (0%) or applied the wrong way (3% down) is
    /// far outside; a few datagrams a busy machine drops on the way down are not.
    /// </remarks>
    [RequiresRootFact]
    public async Task Loss_ThreePercentUp_MeasuredWithin2And4PercentOverFiveThousandPackets()
    {
        var path = world.Path("dloss");

        var before = await DropCountersAsync();
        var loss = await new PathProbe(world.State, path).LossAsync(5000, CancellationToken.None);
        var after = await DropCountersAsync();
        var figures = $"loss up {loss.UpPct:0.00}% (configured 3%), down {loss.DownPct:0.00}% (configured 0%); " +
                      $"dropped by the receiving socket itself: {loss.UpReceiverDrops} up, {loss.DownReceiverDrops} down; " +
                      $"interface drops meanwhile (namespace: rx/tx dropped): {string.Join(", ", after.Select(a => $"{a.Key} {a.Value.Rx - before[a.Key].Rx}/{a.Value.Tx - before[a.Key].Tx}"))}";
        output.WriteLine(figures);

        Assert.True(loss.UpPct is >= 2.0 and <= 4.0, figures);
        Assert.True(loss.DownPct < 0.5, figures);
    }

    /// <remarks>
    /// Faster than the configured rate is never the machine's doing (a shaper that lets bytes through unpaced reads
    /// hundreds of Mbit/s); a busy machine only makes a transfer slower, hence more room below than above.
    /// </remarks>
    [RequiresRootFact]
    public async Task Bandwidth_TenMegabitDown_BulkTransferWithinBusyMachineBounds()
    {
        var path = world.Path("dbw");
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
        Assert.InRange(linkMbps, 8.5, 10.5);
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

    /// <summary>How much faster than configured a connect may read: clock and compensation rounding, max(0.5 ms, 1%).</summary>
    private static double Faster(double rttMs) => PathSettling.Tolerance(rttMs);

    /// <summary>How much slower our client's median may read on a busy machine: max(1 ms, 2%).</summary>
    private static double OursSlower(double rttMs) => Math.Max(1, rttMs * 0.02);

    /// <summary>How much slower curl's median may read on a busy machine: max(2 ms, 3%).</summary>
    private static double CurlSlower(double rttMs) => Math.Max(2, rttMs * 0.03);

    private static string Distribution(IReadOnlyList<double> sorted) => string.Join(", ",
        new[] { (0.0, "min"), (0.1, "p10"), (0.25, "p25"), (0.5, "p50"), (0.75, "p75"), (0.9, "p90"), (0.99, "p99"), (1.0, "max") }
            .Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Item2} {(q.Item1 == 0 ? sorted[0] : PathProbe.Quantile(sorted, q.Item1)):0.000}")));
}
