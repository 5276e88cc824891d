namespace Latency.Micro.MaxRate;

/// <summary>A process's CPU time from its <c>/proc/PID/stat</c>.</summary>
/// <param name="Own">utime + stime (fields 14 and 15): what the process itself has used, every thread.</param>
/// <param name="WaitedChildren">cutime + cstime (fields 16 and 17): its children that have exited and been waited for.</param>
public readonly record struct ProcessCpuTimes(TimeSpan Own, TimeSpan WaitedChildren);
