using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>
/// Reads world files (version 1, YAML; see docs/world-reference.md). Bad input throws
/// <see cref="InputValidationException"/> carrying every problem found, each with the file and line, in file order.
/// </summary>
public static class WorldLoader
{
    /// <summary>Reads and validates the world file at <paramref name="path"/>.</summary>
    /// <exception cref="InputValidationException">The file is missing, unreadable or invalid.</exception>
    public static WorldDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: world file not found")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: cannot read world file: {ex.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Validates the world in <paramref name="yamlText"/>. <paramref name="fileName"/> prefixes error locations,
    /// becomes <see cref="WorldDefinition.SourceFile"/>, and without extension is the default world name.
    /// </summary>
    /// <exception cref="InputValidationException">The text is not a valid world.</exception>
    public static WorldDefinition Parse(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var context = new YamlContext(fileName);
        var world = new WorldReader(context).Read(yamlText);
        if (context.Errors.Count > 0 || world is null)
        {
            throw new InputValidationException(context.Errors.Count > 0
                ? context.Errors.OrderBy(e => e.Location?.Line ?? 0).ToList()
                : [new ValidationError(context.At(1), "not a valid world")]);
        }

        return world with { ContentSha256 = Sha256Hex(yamlText) };
    }

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
