using Latency.RunDirectory;
using Latency.Scenarios.Worlds;
using Latency.World.Runtime;

namespace Latency.Bench.Study;

/// <summary>
/// A study's handset pools, one per probe for the whole run and shared by every cell and deployment of that probe
/// (study <c>radio: on</c>, docs/suite-reference.md), and what run.json and the console say about them.
/// </summary>
public sealed class StudyHandsets
{
    /// <summary>run.json's <c>radio</c> when sessions sent from handsets with a radio.</summary>
    public const string On = "on";

    /// <summary>run.json's <c>radio</c> when the study turned it off.</summary>
    public const string Off = "off";

    /// <summary>run.json's <c>radio</c> when it was asked for but the world has no handsets with a radio.</summary>
    public const string NotModelled = "not modelled";

    /// <summary>
    /// Added to a probe's tail timer to make its pool's horizon: a handset quiet for the tail timer exactly may, by a
    /// few milliseconds of disagreement between the emulator's clock and ours, still be a hair short of idle.
    /// Assumption (rule: well above the emulator's release lateness of ~11 ms at p99 in the default run, and small
    /// next to the tail of ~10 s).
    /// </summary>
    public static readonly TimeSpan TailMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The horizon when the world definition gives no tail timer for a probe (a world state without its file):
    /// longer than the built-in world's longest tail, LTE's 10.12 s, so idle_before beyond it still means idle.
    /// </summary>
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromSeconds(15);

    private readonly IReadOnlyDictionary<string, HandsetPool> _pools;

    private StudyHandsets(string radio, IReadOnlyDictionary<string, HandsetPool> pools, IReadOnlyList<string> withoutRadio)
    {
        Radio = radio;
        _pools = pools;
        ProbesWithoutRadio = withoutRadio;
    }

    /// <summary>"on", "off" or "not modelled" (<see cref="StudyInfo.Radio"/>).</summary>
    public string Radio { get; }

    /// <summary>With the radio on, probes whose handsets have no radio (their world file gives none); empty otherwise.</summary>
    public IReadOnlyList<string> ProbesWithoutRadio { get; }

    /// <summary>Sessions that rented a handset so far, over all probes.</summary>
    public long Sessions => _pools.Values.Sum(p => p.Rents);

    /// <summary>Of <see cref="Sessions"/>, those that found no handset quiet long enough.</summary>
    public long Shortfalls => _pools.Values.Sum(p => p.Shortfalls);

    /// <summary>The pools of a study's probes.</summary>
    /// <param name="radio">The study's <c>radio</c> setting.</param>
    /// <param name="probes">The study's probes.</param>
    /// <param name="world">The running world's state; null for real endpoints.</param>
    /// <param name="definition">The world's file, for each probe's tail timer; null when not at hand.</param>
    /// <param name="time">The clock quiet times are measured on.</param>
    public static StudyHandsets Create(bool radio, IEnumerable<string> probes, WorldState? world, WorldDefinition? definition, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(probes);
        if (!radio) return new StudyHandsets(Off, new Dictionary<string, HandsetPool>(), []);
        var pools = new Dictionary<string, HandsetPool>(StringComparer.Ordinal);
        var without = new List<string>();
        foreach (var probe in probes.Distinct(StringComparer.Ordinal))
        {
            var state = world?.Probes.FirstOrDefault(p => p.Name == probe);
            if (HandsetPool.For(state?.Handsets, Horizon(definition, probe), time) is { } pool) pools[probe] = pool;
            else without.Add(probe);
        }

        return pools.Count == 0
            ? new StudyHandsets(NotModelled, pools, [])
            : new StudyHandsets(On, pools, without);
    }

    /// <summary>The pool of <paramref name="probe"/>; null when its sessions send from the probe's own address.</summary>
    /// <param name="probe">The probe's name.</param>
    public HandsetPool? For(string probe) => _pools.GetValueOrDefault(probe);

    /// <summary>run.json's study with the radio setting and, when it was modelled, the pools' counts.</summary>
    /// <param name="info">The study as recorded so far.</param>
    public StudyInfo Complete(StudyInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Radio == On
            ? info with { Radio = Radio, HandsetSessions = Sessions, HandsetShortfalls = Shortfalls }
            : info with { Radio = Radio };
    }

    /// <summary>The probe's tail timer and <see cref="TailMargin"/>, or <see cref="DefaultHorizon"/>.</summary>
    /// <param name="definition">The world's file, or null.</param>
    /// <param name="probe">The probe's name.</param>
    public static TimeSpan Horizon(WorldDefinition? definition, string probe) =>
        definition?.Probes.FirstOrDefault(p => p.Name == probe)?.Radio?.TailMs.Value is { } tailMs
            ? TimeSpan.FromMilliseconds(tailMs) + TailMargin
            : DefaultHorizon;
}
