namespace Latency.Micro.Soak;

/// <summary>One reading of the memory of the harness and every process under it (and of the world's processes).</summary>
/// <param name="Elapsed">Since the harness started.</param>
/// <param name="Wall">When it was read.</param>
/// <param name="Processes">Each process alive at the reading.</param>
public sealed record ProcessTreeSample(TimeSpan Elapsed, DateTimeOffset Wall, IReadOnlyList<ProcessRss> Processes);
