using System.Text.Json;
using Latency.RunDirectory;
using Latency.World.Radio;
using Latency.World.Runtime;

namespace Latency.Tests.Worlds;

/// <summary>A probe's radio travels from the world file through the plan (JSON, between processes) to the state.</summary>
public sealed class WorldPlanRadioTests
{
    private static readonly WorldPlan AsiaPlan = WorldPlanner.Plan(
        Latency.Scenarios.Worlds.WorldLoader.Load(Path.Combine(RepositoryPaths.Root(), "scenarios", "world", "asia.yaml")), null, null);

    [Fact]
    public void Plan_AsiaFile_EveryProbeCarriesItsLteRadio()
    {
        Assert.All(AsiaPlan.Probes, probe =>
        {
            var radio = Assert.IsType<RadioParameters>(probe.Radio);
            Assert.Equal(TimeSpan.FromMilliseconds(260), radio.PromotionDelayMean);
            Assert.Equal(TimeSpan.FromMilliseconds(10_120), radio.TailTimer);
            Assert.Equal(1, radio.Drx!.ShortCycleCount); // short phase 20 ms of 20 ms cycles
        });
    }

    [Fact]
    public void Plan_WorldWithoutRadio_ProbesHaveNone()
    {
        var plan = WorldPlanner.Plan(Latency.Scenarios.Worlds.WorldLoader.Parse(WorldSamples.Valid, WorldSamples.File), null, null);

        Assert.All(plan.Probes, probe => Assert.Null(probe.Radio));
    }

    [Fact]
    public void Plan_JsonRoundTrip_KeepsTheRadio()
    {
        var json = JsonSerializer.Serialize(AsiaPlan, WorldDirectory.Json);

        var read = JsonSerializer.Deserialize<WorldPlan>(json, WorldDirectory.Json)!;

        Assert.Equal(AsiaPlan.Probes, read.Probes);
    }

    [Fact]
    public void StateOf_TunBackend_EachProbeHasItsHandsetBlockAndRadioFlag()
    {
        var plan = AsiaPlan with { Probes = [AsiaPlan.Probes[0], AsiaPlan.Probes[1] with { Radio = null }, .. AsiaPlan.Probes.Skip(2)] };

        var state = BackendsPart.StateOf(plan, new WorldDirectory("state"), [], NetworkBackend.Tun);

        // The pool gets the handsets before the 40 kept for calibration; the configured figures are what calibration compares with.
        Assert.Equal(new HandsetState("198.19.0.1", 960, true, 260, 10_120), state.Probes[0].Handsets);
        Assert.Equal(new HandsetState("198.19.4.1", 960, false), state.Probes[1].Handsets);
    }

    [Fact]
    public void StateOf_RelayBackend_NoHandsets()
    {
        var state = BackendsPart.StateOf(AsiaPlan, new WorldDirectory("state"), [], NetworkBackend.Relay);

        Assert.All(state.Probes, probe => Assert.Null(probe.Handsets));
    }
}
