namespace Latency.Micro.Scale;

/// <summary>The sessions of one scale step's run, from its run directory.</summary>
/// <param name="Completed">Sessions that ended, successful or failed, one per deployment (the interval logs' session series).</param>
/// <param name="Failed">Of those, the failed ones.</param>
/// <param name="Late">Iterations (one arrival, every deployment) that started later than intended, from run.json; null without it.</param>
/// <param name="Dropped">Iterations that could not start on time and were not run, from run.json; null without it.</param>
/// <param name="InWindow">Sessions, successful or failed, whose interval ended within the measured window (the CPU per session's divisor).</param>
public sealed record ScaleSessions(long Completed, long Failed, long? Late, long? Dropped, long InWindow);
