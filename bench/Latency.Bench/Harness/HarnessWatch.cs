using System.Globalization;
using Latency.RunDirectory;
using Latency.World.Runtime;

namespace Latency.Bench.Harness;

/// <summary>
/// Everything run.json's <c>harness</c> records, for one run: CPU sampled every second (<see cref="HarnessSampler"/>)
/// and, in an emulated world, the network process's CPU and release lateness (<see cref="EmulatorLatenessWindow"/>).
/// Started just before the engine, stopped just after it, by every kind of <c>latency run</c>.
/// </summary>
public sealed class HarnessWatch : IDisposable
{
    /// <summary>The engine's interval: one CPU figure per interval-log line.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    /// <summary>The network process updates its statistics every 2 s; a little more covers the write.</summary>
    private static readonly TimeSpan StatisticsPatience = TimeSpan.FromSeconds(3);

    private readonly HarnessSampler _sampler;
    private readonly EmulatorLatenessWindow? _lateness;

    private HarnessWatch(HarnessSampler sampler, EmulatorLatenessWindow? lateness)
    {
        _sampler = sampler;
        _lateness = lateness;
    }

    /// <summary>Starts watching: in <paramref name="world"/> when given, else this machine only (real endpoints, plain suites).</summary>
    /// <param name="directory">The world's state directory (its processes' ids and statistics), or null.</param>
    /// <param name="world">The world the run goes through, or null.</param>
    public static HarnessWatch Start(WorldDirectory? directory, WorldState? world)
    {
        var emulatorPart = world?.Backend == NetworkBackend.Tun ? "network" : world is null ? null : "relay";
        var lateness = directory is not null && world?.Backend == NetworkBackend.Tun
            ? EmulatorLatenessWindow.Open(() => directory.Read<EmulatorLateness>(NetworkPart.LatenessFile(directory)))
            : null;
        var pid = directory is not null && emulatorPart is not null ? ProcessId(directory.PidFile(emulatorPart)) : null;
        return new HarnessWatch(HarnessSampler.Start(SystemCpuSource.Instance, TimeProvider.System, SampleInterval, pid), lateness);
    }

    /// <summary>Stops sampling and, in the emulated WAN, waits (a few seconds at most) for the emulator's statistics after the run.</summary>
    /// <param name="runEnded">When the engine stopped.</param>
    public async Task<HarnessInfo> StopAsync(DateTimeOffset runEnded)
    {
        var info = _sampler.Stop();
        if (_lateness is null)
        {
            return info;
        }

        var released = await _lateness.CloseAsync(runEnded, StatisticsPatience, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        if (released is null)
        {
            return info;
        }

        return info with
        {
            Emulator = released with { CpuCoresMean = info.Emulator?.CpuCoresMean, CpuCoresMax = info.Emulator?.CpuCoresMax },
        };
    }

    public void Dispose() => _sampler.Dispose();

    private static int? ProcessId(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
