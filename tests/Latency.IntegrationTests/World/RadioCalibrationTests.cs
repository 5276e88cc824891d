using System.Globalization;
using Latency.Bench.Calibration;
using Latency.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.World;

/// <summary>
/// <c>latency calibrate</c>'s radio measurement on the emulator's test world, whose probe has the built-in world's
/// LTE radio (260 ms promotion, 10.12 s tail): through real namespaces, handset addresses and the emulator. Needs
/// root; CI runs it. Takes ~11 s (the handsets must fall idle first).
/// </summary>
[Collection(EmulatedWorld.Name)]
public sealed class RadioCalibrationTests(WorldFixture world, ITestOutputHelper output)
{
    [RequiresRootFact]
    public async Task Measure_LteRadio_PromotionWithinToleranceAndTailAsConfigured()
    {
        Assert.True(world.Available, "the fidelity world did not come up");
        var probe = world.State.Probes.Single();
        Assert.True(RadioProbe.Applies(world.State, probe), "the test world's probe has handsets with a radio");

        var radio = await new RadioProbe(world.State, probe).MeasureAsync(10, tailCheck: true, CancellationToken.None);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{radio.Probe} -> {radio.Deployment}: idle connect p50 {radio.IdleConnectP50Ms} ms, active {radio.ActiveConnectP50Ms} ms, promotion {radio.MeasuredPromotionMs} ms (configured {radio.ConfiguredPromotionMs}); promoted at 0.9 x tail: {radio.PromotedBeforeTail}, at 1.1 x: {radio.PromotedAfterTail}"));
        Assert.Equal("d5", radio.Deployment); // the quietest path: no loss, no jitter, shortest
        Assert.Equal(260, radio.ConfiguredPromotionMs);
        // The promotion holds the SYN; both connects then wait alike for the SYN-ACK (5 ms path, within DRX's
        // inactivity timer): the difference of medians is the promotion, give or take a busy machine's few ms.
        Assert.InRange(radio.MeasuredPromotionMs!.Value, 260 - 13, 260 + 13);
        Assert.False(radio.PromotedBeforeTail);
        Assert.True(radio.PromotedAfterTail);
    }
}
