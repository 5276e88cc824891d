namespace Latency.Tests.Timing;

/// <summary>
/// The few unit tests that run on the real clock, one at a time: they check what a precise wait guarantees whatever
/// the machine's load (never early, in due order, a stop ends it), never how close to the due time it wakes, which a
/// noisy 2-core machine cannot promise. Everything about pacing is tested on a fake clock instead.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealClock
{
    public const string Name = "Real clock";
}
