using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Suites;

/// <summary>
/// Reads suite files (version 1, YAML; see docs/suite-reference.md). Bad input throws
/// <see cref="InputValidationException"/> carrying every problem found, each with the file and line, so the command
/// line can print them all and exit 2 without a stack trace.
/// </summary>
public static class SuiteLoader
{
    /// <summary>Reads and validates the suite file at <paramref name="path"/>.</summary>
    /// <exception cref="InputValidationException">The file is missing, unreadable or invalid.</exception>
    public static SuiteDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: suite file not found")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: cannot read suite file: {ex.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Validates the suite in <paramref name="yamlText"/>. <paramref name="fileNameForMessages"/> prefixes error
    /// locations, becomes <see cref="SuiteDefinition.SourceFile"/>, and without extension is the default suite name.
    /// </summary>
    /// <exception cref="InputValidationException">The text is not a valid suite.</exception>
    public static SuiteDefinition Parse(string yamlText, string fileNameForMessages)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileNameForMessages);
        var context = new YamlContext(fileNameForMessages);
        var suite = new SuiteReader(context).Read(yamlText);
        if (context.Errors.Count > 0 || suite is null)
        {
            throw new InputValidationException(context.Errors.Count > 0
                ? context.InFileOrder()
                : [new ValidationError(context.At(1), "not a valid suite")]);
        }

        return suite;
    }
}
