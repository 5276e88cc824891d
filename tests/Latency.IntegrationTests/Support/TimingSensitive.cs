namespace Latency.IntegrationTests.Support;

/// <summary>Tests that measure time run one at a time: on a 2-core machine two load tests would skew each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
