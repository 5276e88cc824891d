namespace Latency.Micro.Soak;

/// <summary>One process's resident memory at one reading.</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="Name">What it is, from its command line (e.g. "world serve --part network").</param>
/// <param name="RssMb">Its resident set (VmRSS), MiB.</param>
public sealed record ProcessRss(int ProcessId, string Name, double RssMb);
