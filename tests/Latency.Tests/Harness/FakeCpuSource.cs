using Latency.Bench.Harness;

namespace Latency.Tests.Harness;

/// <summary>CPU counters a test sets by hand before each sample.</summary>
internal sealed class FakeCpuSource(int processorCount = 2) : ICpuSource
{
    public int ProcessorCount { get; } = processorCount;

    public TimeSpan Process { get; set; }

    public MachineCpuTimes? Machine { get; set; } = new(0, 0);

    public Dictionary<int, TimeSpan> Others { get; } = [];

    public TimeSpan ProcessCpu() => Process;

    public TimeSpan? ProcessCpu(int processId) => Others.TryGetValue(processId, out var cpu) ? cpu : null;

    public MachineCpuTimes? MachineCpu() => Machine;

    /// <summary>Adds CPU time as if <paramref name="cores"/> were busy for <paramref name="seconds"/>, and the machine <paramref name="busy"/> of 2 cores.</summary>
    public void Use(double seconds, double cores, double busy)
    {
        Process += TimeSpan.FromSeconds(seconds * cores);
        var total = (long)Math.Round(seconds * 100 * ProcessorCount);
        var machine = Machine!.Value;
        Machine = new MachineCpuTimes(machine.Busy + (long)Math.Round(total * busy), machine.Total + total);
    }
}
