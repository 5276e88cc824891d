using Latency.Scenarios.Worlds;

namespace Latency.Bench.Application;

/// <summary>
/// World files: the built-in world (scenarios/world/asia.yaml, embedded in the program) or a file of the user's. Used
/// by <c>latency world up</c>, by studies (<c>world: builtin</c>) and by tests, so all of them read the same world.
/// </summary>
public static class WorldFiles
{
    /// <summary>The embedded resource holding the built-in world.</summary>
    public const string BuiltInResource = "asia.yaml";

    /// <summary>Loads the world file (or the built-in one when <paramref name="file"/> is null); every problem is reported with file and line.</summary>
    public static WorldDefinition Load(string? file) =>
        file is null ? WorldLoader.Parse(BuiltInText(), BuiltInResource) : WorldLoader.Load(file);

    /// <summary>The built-in world's YAML, as embedded.</summary>
    public static string BuiltInText()
    {
        using var stream = typeof(WorldFiles).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"embedded resource {BuiltInResource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
