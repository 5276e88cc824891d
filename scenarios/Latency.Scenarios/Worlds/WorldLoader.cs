using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// Reads world files (version 1, YAML; see docs/world-reference.md). Bad input throws
/// <see cref="InputValidationException"/> carrying every problem found, each with the file and line, in file order.
/// </summary>
public static class WorldLoader
{
    // The content hash is taken of the text read, so a running world can tell whether a file is still the one it came from.
    private static readonly YamlDocumentLoader<WorldDefinition> Loader = new("world", (context, text) =>
        new WorldReader(context).Read(text) is { } world ? world with { ContentSha256 = Sha256Hex(text) } : null);

    /// <summary>Reads and validates the world file at <paramref name="path"/>.</summary>
    /// <exception cref="InputValidationException">The file is missing, unreadable or invalid.</exception>
    public static WorldDefinition Load(string path) => Loader.Load(path);

    /// <summary>
    /// Validates the world in <paramref name="yamlText"/>. <paramref name="fileName"/> prefixes error locations,
    /// becomes <see cref="WorldDefinition.SourceFile"/>, and without extension is the default world name.
    /// </summary>
    /// <exception cref="InputValidationException">The text is not a valid world.</exception>
    public static WorldDefinition Parse(string yamlText, string fileName) => Loader.Parse(yamlText, fileName);

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
