using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Suites;

/// <summary>
/// Reads suite files (version 1, YAML; see docs/suite-reference.md). Bad input throws
/// <see cref="InputValidationException"/> carrying every problem found, each with the file and line, so the command
/// line can print them all and exit 2 without a stack trace.
/// </summary>
public static class SuiteLoader
{
    private static readonly YamlDocumentLoader<SuiteDefinition> Loader = new("suite", (context, text) => new SuiteReader(context).Read(text));

    /// <summary>Reads and validates the suite file at <paramref name="path"/>.</summary>
    /// <exception cref="InputValidationException">The file is missing, unreadable or invalid.</exception>
    public static SuiteDefinition Load(string path) => Loader.Load(path);

    /// <summary>
    /// Validates the suite in <paramref name="yamlText"/>. <paramref name="fileNameForMessages"/> prefixes error
    /// locations, becomes <see cref="SuiteDefinition.SourceFile"/>, and without extension is the default suite name.
    /// </summary>
    /// <exception cref="InputValidationException">The text is not a valid suite.</exception>
    public static SuiteDefinition Parse(string yamlText, string fileNameForMessages) => Loader.Parse(yamlText, fileNameForMessages);
}
