using Latency.Micro.MaxRate;

namespace Latency.Micro.EngineAllocations;

/// <summary>
/// What this process has used so far, as counted by the runtime (bytes, thread-pool work items, lock contentions)
/// and, as a hint only on a busy machine, its CPU time; two readings subtract.
/// </summary>
/// <param name="Bytes">Bytes allocated (<c>GC.GetTotalAllocatedBytes(precise: true)</c>).</param>
/// <param name="WorkItems">Thread-pool work items completed.</param>
/// <param name="LockContentions">Times a thread waited for a lock.</param>
/// <param name="Cpu">Process CPU time.</param>
public readonly record struct Counts(long Bytes, long WorkItems, long LockContentions, TimeSpan Cpu)
{
    /// <summary>The counts now.</summary>
    public static Counts Now() => new(GC.GetTotalAllocatedBytes(precise: true), ThreadPool.CompletedWorkItemCount,
        Monitor.LockContentionCount, CpuTime.Self());

    /// <summary>What was used between two readings.</summary>
    /// <param name="later">The later reading.</param>
    /// <param name="earlier">The earlier reading.</param>
    public static Counts operator -(Counts later, Counts earlier) => new(later.Bytes - earlier.Bytes,
        later.WorkItems - earlier.WorkItems, later.LockContentions - earlier.LockContentions, later.Cpu - earlier.Cpu);
}
