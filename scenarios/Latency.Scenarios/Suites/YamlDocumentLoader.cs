using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Suites;

/// <summary>
/// The one way an input file of ours (suite, world, workload) is loaded: read the file, let the kind's reader parse
/// and validate it into a <see cref="YamlContext"/> that collects every problem with its file and line, then return
/// the document or throw <see cref="InputValidationException"/> with all the problems in file order. A kind brings
/// only its name (for messages) and its reader, which maps and validates.
/// </summary>
/// <typeparam name="TDocument">What a valid file becomes.</typeparam>
/// <param name="kind">The kind of file in messages: "suite" gives "suite file not found", "not a valid suite".</param>
/// <param name="read">Reads the whole text into the document, recording problems in the context; null when it cannot.</param>
internal sealed class YamlDocumentLoader<TDocument>(string kind, Func<YamlContext, string, TDocument?> read)
    where TDocument : class
{
    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="InputValidationException">The file is missing, unreadable or invalid.</exception>
    public TDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: {kind} file not found")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: cannot read {kind} file: {ex.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Validates <paramref name="yamlText"/>; <paramref name="fileName"/> prefixes every error's location.</summary>
    /// <exception cref="InputValidationException">The text is not a valid document of this kind.</exception>
    public TDocument Parse(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var context = new YamlContext(fileName);
        var document = read(context, yamlText);
        if (context.Errors.Count > 0 || document is null)
        {
            throw new InputValidationException(context.Errors.Count > 0
                ? context.InFileOrder()
                : [new ValidationError(context.At(1), $"not a valid {kind}")]);
        }

        return document;
    }
}
