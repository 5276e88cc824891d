using Latency.Scenarios.Suites;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// Reads world files (version 1, YAML; see docs/world-reference.md): <c>WorldLoader.Load(path)</c>, <c>Parse</c>.
/// A world read also carries the SHA-256 of its text (<see cref="WorldDefinition.ContentSha256"/>), so a running
/// world can tell whether a file is still the one it came from.
/// </summary>
public sealed class WorldLoader : YamlDocumentLoader<WorldDefinition, WorldLoader>
{
    private protected override string Kind => "world";

    private protected override WorldDefinition? Read(YamlContext context, string yamlText) =>
        new WorldReader(context).Read(yamlText) is { } world ? world with { ContentSha256 = Sha256Hex(yamlText) } : null;

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
