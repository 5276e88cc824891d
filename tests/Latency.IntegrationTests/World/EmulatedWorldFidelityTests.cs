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
    [RequiresRootTheory]
    [InlineData("d5", 5.0, 100)]
    [InlineData("d20", 20.0, 100)]
    // 100 samples each: the p99 of fewer would be the single slowest connect.
    [InlineData("d80", 80.0, 100)]
    [InlineData("d300", 300.0, 100)]
    public async Task Connect_OurClient_MedianWithinHalfMillisecondOrOnePercentP99WithinTwo(string deployment, double rttMs, int samples)
    {
        var path = world.State.Paths.Single(p => p.Deployment == deployment);
        Assert.Equal(rttMs, path.RttMs, 3);

        var (p50, p99, count) = await new PathProbe(world.State, path).ConnectAsync(samples, CancellationToken.None);
        output.WriteLine($"{deployment}: configured {rttMs} ms, connect p50 {p50:0.000} ms p99 {p99:0.000} ms over {count}");

        Assert.InRange(p50, rttMs - Tolerance(rttMs), rttMs + Tolerance(rttMs));
        Assert.InRange(p99, rttMs - Tolerance(rttMs), rttMs + 2);
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
        output.WriteLine($"{deployment}: curl time_connect median {median:0.000} ms, max {times[^1]:0.000} ms");
        Assert.InRange(median, rttMs - Tolerance(rttMs), rttMs + Tolerance(rttMs));
    }

    [RequiresRootFact]
    public async Task Loss_ThreePercentUp_MeasuredWithin2Point4And3Point6OverFiveThousandPackets()
    {
        var path = world.State.Paths.Single(p => p.Deployment == "dloss");

        var (up, down) = await new PathProbe(world.State, path).LossAsync(5000, CancellationToken.None);
        output.WriteLine($"loss up {up:0.00}% (configured 3%), down {down:0.00}% (configured 0%)");

        Assert.InRange(up, 2.4, 3.6);
        Assert.Equal(0, down);
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

    private static double Tolerance(double rttMs) => Math.Max(0.5, rttMs * 0.01);
}
