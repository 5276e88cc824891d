using System.Security.Cryptography;
using System.Text;
using Latency.Bench.Application;
using Latency.RunDirectory;
using Latency.Scenarios.Worlds;
using Latency.World.Runtime;

namespace Latency.Tests.Worlds;

/// <summary>
/// Whether the world that is up is the one a study or <c>world up</c> wants: by name, profile and the world file's
/// content, so a file named like the world that is up, or edited since, is never run on silently.
/// </summary>
public sealed class WorldMismatchTests
{
    private static readonly string Edited = WorldSamples.Valid.Replace("value: 130,", "value: 190,", StringComparison.Ordinal);

    [Fact]
    public void Load_World_CarriesTheSha256OfItsText()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WorldSamples.Valid)));

        Assert.Equal(expected, WorldLoader.Parse(WorldSamples.Valid, WorldSamples.File).ContentSha256);
        Assert.Equal(expected, Plan(WorldSamples.Valid, "/a/world.yaml").WorldContentSha256);
        Assert.Equal(expected, Up(Plan(WorldSamples.Valid, "/a/world.yaml")).WorldContentSha256);
    }

    [Fact]
    public void StateJson_KeepsTheHash()
    {
        // The world's processes write state.json and every later command reads it: the hash must survive the trip.
        var state = Up(Plan(WorldSamples.Valid, "/a/world.yaml"));

        var json = System.Text.Json.JsonSerializer.Serialize(state, WorldDirectory.Json);

        Assert.Contains($"\"world_content_sha256\": \"{state.WorldContentSha256}\"", json, StringComparison.Ordinal);
        Assert.Equal(state.WorldContentSha256, System.Text.Json.JsonSerializer.Deserialize<WorldState>(json, WorldDirectory.Json)!.WorldContentSha256);
    }

    [Fact]
    public void Load_BuiltInWorld_HashesItsEmbeddedText()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WorldFiles.BuiltInText())));

        Assert.Equal(expected, WorldFiles.Load(null).ContentSha256);
    }

    [Fact]
    public void Describe_SameContentEvenFromAnotherPath_IsTheSameWorld()
    {
        var running = Up(Plan(WorldSamples.Valid, "/a/world.yaml"));

        Assert.Null(WorldMismatch.Describe(running, Plan(WorldSamples.Valid, "/a/world.yaml")));
        Assert.Null(WorldMismatch.Describe(running, Plan(WorldSamples.Valid, "/b/copy.yaml")));
    }

    [Fact]
    public void Describe_FileEditedSinceTheWorldCameUp_NamesBothAndTheirHashes()
    {
        var before = Plan(WorldSamples.Valid, "/a/world.yaml");
        var after = Plan(Edited, "/a/world.yaml");

        var message = WorldMismatch.Describe(Up(before), after);

        Assert.Equal(
            $"world 'test' is up from a different file (content differs): up from /a/world.yaml (sha256 {before.WorldContentSha256![..12]}), " +
            $"wanted from /a/world.yaml (sha256 {after.WorldContentSha256![..12]}): take it down with 'latency world down' first",
            message);
    }

    [Fact]
    public void Describe_OwnFileNamedLikeTheBuiltInWorld_IsAnotherWorld()
    {
        var builtIn = WorldPlanner.Plan(WorldFiles.Load(null), null, null);
        var text = WorldFiles.BuiltInText().Replace("rtt_ms: { value: ", "rtt_ms: { value: 1", StringComparison.Ordinal);
        var own = WorldPlanner.Plan(WorldLoader.Parse(text, "/w/asia.yaml"), null, "/w/asia.yaml");
        Assert.Equal(builtIn.WorldName, own.WorldName);

        var message = WorldMismatch.Describe(Up(builtIn), own);

        Assert.NotNull(message);
        Assert.StartsWith($"world '{builtIn.WorldName}' is up from a different file (content differs): up from the built-in world (sha256 ", message);
        Assert.Contains("wanted from /w/asia.yaml (sha256 ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_OtherProfile_SaysWhichIsUpAndWhichIsWanted()
    {
        var running = Up(Plan(WorldSamples.Valid, "/a/world.yaml"));
        var wanted = WorldPlanner.Plan(WorldLoader.Parse(WorldSamples.Valid, "/a/world.yaml"), "congested", "/a/world.yaml");

        Assert.Equal(
            "world 'test' (profile typical) is up, but world 'test' (profile congested) is wanted: take it down with 'latency world down' first",
            WorldMismatch.Describe(running, wanted));
    }

    [Fact]
    public void Describe_StateWithoutAHash_CannotBeTheSameWorld()
    {
        // A state written before the content was recorded: the same name and path prove nothing about the content.
        var running = Up(Plan(WorldSamples.Valid, "/a/world.yaml")) with { WorldContentSha256 = null };

        var message = WorldMismatch.Describe(running, Plan(WorldSamples.Valid, "/a/world.yaml"));

        Assert.Equal(
            "world 'test' is up from /a/world.yaml, but its state does not record the file's content, so it cannot be told from " +
            "/a/world.yaml: take it down with 'latency world down' first",
            message);
    }

    private static WorldPlan Plan(string text, string file) => WorldPlanner.Plan(WorldLoader.Parse(text, file), null, file);

    // The state a world brought up from the plan writes (the relay backend needs no namespaces to describe).
    private static WorldState Up(WorldPlan plan) => BackendsPart.StateOf(plan, new WorldDirectory("state"), [], NetworkBackend.Relay);
}
