namespace Latency.Bench.Harness;

/// <summary>Where <see cref="HarnessSampler"/> reads CPU time from: the operating system, or a fake in tests.</summary>
public interface ICpuSource
{
    /// <summary>Logical processors of the machine.</summary>
    int ProcessorCount { get; }

    /// <summary>User and system CPU time this process has used since it started.</summary>
    TimeSpan ProcessCpu();

    /// <summary>User and system CPU time of another process, or null when it cannot be read (gone, not ours to see).</summary>
    /// <param name="processId">The other process.</param>
    TimeSpan? ProcessCpu(int processId);

    /// <summary>The machine's CPU time counters since boot, or null where the system does not offer them.</summary>
    MachineCpuTimes? MachineCpu();
}
