using System.Globalization;
using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>
/// Whether the harness itself (the client, the machine, the WAN emulator) may have been the bottleneck of a run, from
/// run.json's <c>harness</c>, and how the report words its figures. A saturated client delays its own timers and
/// reads; a late emulator adds its lateness to every path: either way the times measure the harness.
/// </summary>
public static class HarnessLoad
{
    // The limits below are a stated rule, not a measured fact: no experiment here found the load at which our times
    // start to bend. 85% leaves a core's slack for timer wake-ups and garbage collection on a small machine; p95 of
    // one-second samples ignores a start-up burst (JIT) but not a sustained load. 1 ms is where release lateness
    // becomes visible next to the 0.1-ms-scale differences the emulator's calibration resolves.

    /// <summary>Share of all processors the client, or the whole machine, may use at p95 before the run is suspect.</summary>
    public const double CpuShareLimit = 0.85;

    /// <summary>Release lateness p99 of the emulator, in microseconds, above which the run is suspect.</summary>
    public const double LatenessP99LimitUs = 1000;

    /// <summary>The rule in one sentence, as the report and summary.json state it.</summary>
    public static string Rule { get; } =
        $"the harness may have been the bottleneck when the client process or the whole machine was busier than {Percent(CpuShareLimit)} of " +
        $"all processors in more than 5% of the one-second samples (p95), or the emulator released packets more than " +
        $"{Us(LatenessP99LimitUs)} late at p99 (a stated rule, not a measured limit)";

    /// <summary>Each way <paramref name="harness"/> breaks <see cref="Rule"/>, in words; empty when none.</summary>
    /// <param name="harness">run.json's harness figures.</param>
    public static IReadOnlyList<string> Concerns(HarnessInfo harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var concerns = new List<string>();
        var cores = Math.Max(1, harness.ProcessorCount);
        if (harness.CpuCoresP95 > CpuShareLimit * cores)
        {
            concerns.Add($"the client used {Cores(harness.CpuCoresP95)} of {cores} cores at p95 (above {Percent(CpuShareLimit)})");
        }

        if (harness.MachineBusyP95 is { } busy && busy > CpuShareLimit)
        {
            concerns.Add($"the machine was {Percent(busy)} busy at p95 (every process counts)");
        }

        if (harness.Emulator?.LatenessP99Us is { } p99 && p99 > LatenessP99LimitUs)
        {
            concerns.Add($"the emulator released packets {Us(p99)} late at p99 (above {Us(LatenessP99LimitUs)})");
        }

        return concerns;
    }

    /// <summary>The report's lines on the harness, for the Run section's list.</summary>
    /// <param name="harness">run.json's harness figures.</param>
    public static IReadOnlyList<string> Items(HarnessInfo harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var items = new List<string>
        {
            $"Client CPU: {Cores(harness.CpuCoresMean)} cores of {harness.ProcessorCount} on average, {Cores(harness.CpuCoresP95)} at p95 and " +
            $"{Cores(harness.CpuCoresMax)} at peak ({harness.Samples} samples of {Number(harness.SampleSeconds, "0.#")} s)",
        };
        if (harness.MachineBusyMean is { } busy)
        {
            items.Add($"Machine: {Percent(busy)} busy on average (every process, on all {harness.ProcessorCount} processors), " +
                      $"{Percent(harness.MachineBusyP95)} at p95 and {Percent(harness.MachineBusyMax)} at peak");
        }
        else
        {
            items.Add("Machine: not measured (/proc/stat not readable)");
        }

        if (harness.Emulator is { } emulator)
        {
            items.Add("Emulator: " + Emulator(emulator));
        }

        return items;
    }

    private static string Emulator(HarnessEmulator emulator)
    {
        var cpu = emulator.CpuCoresMean is { } mean
            ? $"{Cores(mean)} cores on average, {(emulator.CpuCoresMax is { } max ? Cores(max) : "?")} at peak"
            : "CPU not measured";
        if (emulator.LatenessP99Us is not { } p99)
        {
            return cpu + "; no release statistics (a relay, or a world started by an older version)";
        }

        var scope = emulator.LatenessScope == HarnessEmulator.RunScope
            ? "this run's packets"
            : "every packet since the world came up, calibration included: none were published when the run started";
        return $"{cpu}; released {Count(emulator.Forwarded)} packets {Us(emulator.LatenessP50Us)} after their due time at the median, " +
               $"{Us(p99)} at p99 and {Us(emulator.LatenessMaxUs)} at most ({scope})";
    }

    private static string Cores(double cores) => cores.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double? share) => share is { } s ? s.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "?";

    private static string Us(double? us) => us switch
    {
        null => "?",
        >= 1000 => (us.Value / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " ms",
        _ => us.Value.ToString("0", CultureInfo.InvariantCulture) + " us",
    };

    private static string Count(long? count) => count is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "?";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
