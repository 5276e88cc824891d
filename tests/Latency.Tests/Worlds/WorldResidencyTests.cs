using Latency.Scenarios.Worlds;
using Latency.Tests.Scenarios;

namespace Latency.Tests.Worlds;

/// <summary>Issue 19: a deployment's <c>jurisdiction</c> and <c>replicates_to</c> in world files.</summary>
public sealed class WorldResidencyTests
{
    private const string File = WorldSamples.File;

    [Fact]
    public void Parse_JurisdictionBareOrCitedAndReplicas_AreRead()
    {
        var yaml = WorldSamples.Valid
            .Replace("""{ name: beijing, site: "Beijing", role: origin, serves: CN }""",
                """{ name: beijing, site: "Beijing", role: origin, serves: CN, jurisdiction: { value: CN, source: "places.csv: Beijing, country CN" } }""", StringComparison.Ordinal)
            .Replace("""serves: IN, http: ["2"], source: "techplained" }""",
                """serves: IN, http: ["2"], source: "techplained", jurisdiction: IN, replicates_to: [{ deployment: beijing, fraction: 25% }] }""", StringComparison.Ordinal);

        var world = WorldLoader.Parse(yaml, File);

        var beijing = world.Deployments.Single(d => d.Name == "beijing");
        var mumbai = world.Deployments.Single(d => d.Name == "mumbai");
        Assert.Equal(("CN", "places.csv: Beijing, country CN"), (beijing.Jurisdiction, beijing.JurisdictionCitation));
        Assert.Equal(("IN", ""), (mumbai.Jurisdiction, mumbai.JurisdictionCitation));
        var replica = Assert.Single(mumbai.ReplicatesTo);
        Assert.Equal(("mumbai", "beijing", 0.25), (replica.From, replica.To, replica.Fraction));
        Assert.Empty(beijing.ReplicatesTo);
    }

    [Fact]
    public void Parse_NoJurisdiction_IsUnknownNotAnError()
    {
        var world = WorldLoader.Parse(WorldSamples.Valid, File);

        Assert.All(world.Deployments, d => Assert.Null(d.Jurisdiction));
    }

    [Fact]
    public void Parse_BadResidencyKeys_EveryProblemWithItsLine()
    {
        var yaml = WorldSamples.Valid
            .Replace("""{ name: beijing, site: "Beijing", role: origin, serves: CN }""",
                """{ name: beijing, site: "Beijing", role: origin, serves: CN, jurisdiction: China, replicates_to: [beijing, shanghai] }""", StringComparison.Ordinal)
            .Replace("""serves: IN, http: ["2"], source: "techplained" }""",
                """serves: IN, http: ["2"], source: "techplained", replicates_to: [{ deployment: beijing, fraction: 0% }] }""", StringComparison.Ordinal);

        var errors = WorldSamples.Errors(yaml);

        Assert.Contains(errors, e => e.EndsWith("'jurisdiction' must be a jurisdiction code of two upper-case letters, e.g. CN or IN (got 'China')", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("deployment 'beijing' cannot replicate to itself", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("'fraction' must be above 0% (leave the replica out instead)", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.StartsWith(File + ":", e));
    }

    [Fact]
    public void Parse_ReplicaToAnUnknownDeployment_IsNamedWithASuggestion()
    {
        var yaml = WorldSamples.Valid.Replace("""serves: IN, http: ["2"], source: "techplained" }""",
            """serves: IN, http: ["2"], source: "techplained", replicates_to: [bejing] }""", StringComparison.Ordinal);

        var errors = WorldSamples.Errors(yaml);

        Assert.Contains(errors, e => e.EndsWith("deployment 'mumbai' replicates to 'bejing', which is not defined (did you mean 'beijing'?)", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Asia_EveryDeploymentHasACitedJurisdictionAndBeijingIsInChina()
    {
        var world = WorldLoader.Load(RepositoryPaths.World("asia"));

        Assert.All(world.Deployments, d =>
        {
            Assert.NotNull(d.Jurisdiction);
            Assert.Contains("places.csv", d.JurisdictionCitation, StringComparison.Ordinal);
        });
        Assert.Equal("CN", world.Deployments.Single(d => d.Name == "beijing").Jurisdiction);
        Assert.Equal("HK", world.Deployments.Single(d => d.Name == "hong-kong").Jurisdiction);
        Assert.All(world.Deployments, d => Assert.Empty(d.ReplicatesTo)); // the built-in world declares no copy: suites do
    }
}
