namespace Latency.IntegrationTests.Support;

/// <summary>
/// The tests that measure the emulated world of <see cref="WorldFixture"/>: one collection, so the world comes up once
/// per run (xunit creates a collection fixture before the collection's first test and disposes it after its last),
/// and its tests run one at a time like every other collection of this assembly (xunit.runner.json).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmulatedWorld : ICollectionFixture<WorldFixture>
{
    public const string Name = "emulated-world";
}
