namespace Latency.Micro.Soak;

/// <summary>One process's resident memory (and CPU time, when read) at one reading.</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="Name">What it is, from its command line (e.g. "world serve --part network").</param>
/// <param name="RssMb">Its resident set (VmRSS), MiB.</param>
/// <param name="CpuSeconds">Its user and system CPU time since it started (utime + stime), seconds; null when not read.</param>
public sealed record ProcessRss(int ProcessId, string Name, double RssMb, double? CpuSeconds = null);
