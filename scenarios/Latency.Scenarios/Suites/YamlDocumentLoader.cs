using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Suites;

/// <summary>
/// The one way an input file of ours (suite, world, workload) is loaded: read the file, let the kind's reader parse
/// and validate it into a <see cref="YamlContext"/> that collects every problem with its file and line, then return
/// the document or throw <see cref="InputValidationException"/> with all the problems in file order. A kind's loader
/// derives from this and brings only its name (for messages) and its reader, which maps and validates; callers use
/// the inherited <c>Load</c> and <c>Parse</c> through it (<c>SuiteLoader.Load(path)</c>).
/// </summary>
/// <typeparam name="TDocument">What a valid file becomes.</typeparam>
/// <typeparam name="TLoader">The kind's loader itself, which supplies <see cref="Kind"/> and <see cref="Read"/>.</typeparam>
public abstract class YamlDocumentLoader<TDocument, TLoader>
    where TDocument : class
    where TLoader : YamlDocumentLoader<TDocument, TLoader>, new()
{
    private static readonly TLoader Instance = new();

    /// <summary>The kind of file in messages: "suite" gives "suite file not found", "not a valid suite".</summary>
    private protected abstract string Kind { get; }

    /// <summary>Reads the whole text into the document, recording problems in <paramref name="context"/>; null when it cannot.</summary>
    /// <param name="context">The file's name and the problems found so far.</param>
    /// <param name="yamlText">The whole file.</param>
    private protected abstract TDocument? Read(YamlContext context, string yamlText);

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="InputValidationException">The file is missing, unreadable or invalid.</exception>
    public static TDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: {Instance.Kind} file not found")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: cannot read {Instance.Kind} file: {ex.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Validates <paramref name="yamlText"/>. <paramref name="fileName"/> prefixes every error's location, becomes the
    /// document's source file where it has one, and without extension is its default name.
    /// </summary>
    /// <exception cref="InputValidationException">The text is not a valid document of this kind.</exception>
    public static TDocument Parse(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var context = new YamlContext(fileName);
        var document = Instance.Read(context, yamlText);
        if (context.Errors.Count > 0 || document is null)
        {
            throw new InputValidationException(context.Errors.Count > 0
                ? context.InFileOrder()
                : [new ValidationError(context.At(1), $"not a valid {Instance.Kind}")]);
        }

        return document;
    }
}
