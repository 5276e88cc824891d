using System.Globalization;
using Latency.Scenarios.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Latency.Scenarios.Suites;

/// <summary>
/// The file being read and every error found in it so far, with helpers that read YAML nodes and record a located
/// error instead of throwing, so one pass over a file reports all of its problems.
/// </summary>
internal sealed class YamlContext(string file)
{
    private readonly List<ValidationError> errors = [];

    // The line each error sorts at: its own, or for an error of another file (a workload a suite names) the line of
    // the reference, so it is listed where the user looks for it.
    private readonly List<int> sortLines = [];

    public string File { get; } = file;

    public IReadOnlyList<ValidationError> Errors => errors;

    public SourceLocation At(YamlNode node) => At(node.Start.Line);

    // Only the line: errors print as "suite.yaml:12: message" (every input error names its file and line).
    public SourceLocation At(long line) => new(File, (int)Math.Clamp(line, 1, int.MaxValue));

    public void Error(YamlNode node, string message) => Error(At(node), message);

    public void Error(SourceLocation location, string message)
    {
        errors.Add(new ValidationError(location, message));
        sortLines.Add(location.Line);
    }

    /// <summary>Adds errors found in another file that <paramref name="reference"/> names, listed at the reference's line.</summary>
    public void Include(YamlNode reference, IEnumerable<ValidationError> nested)
    {
        var line = At(reference).Line;
        foreach (var error in nested)
        {
            errors.Add(error);
            sortLines.Add(line);
        }
    }

    /// <summary>
    /// Every error in file order, so a user fixes them top to bottom; the sort is stable, so one line keeps its order
    /// (and another file's errors stay together after the line that named the file).
    /// </summary>
    public IReadOnlyList<ValidationError> InFileOrder() =>
        errors.Select((error, index) => (error, line: sortLines[index])).OrderBy(e => e.line).Select(e => e.error).ToList();

    /// <summary>
    /// Parses <paramref name="yamlText"/> and returns the root node of its only document, or null after recording why
    /// there is none (malformed YAML, an empty file). Shared by every file format read this way (suites, worlds).
    /// </summary>
    /// <param name="yamlText">The whole file.</param>
    /// <param name="emptyHint">Appended to "the file is empty; ": what a file of this kind needs.</param>
    /// <param name="kind">The kind of file, for "only one YAML document per {kind} file".</param>
    public YamlNode? LoadSingleDocument(string yamlText, string emptyHint, string kind)
    {
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(yamlText)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            Error(At(ex.Start.Line), $"malformed YAML: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // Not a YamlException, so no position of its own (see PositionTrackingParser): point after the last good event.
            var end = parser.LastGoodEnd;
            Error(At(end.Line), $"malformed YAML: cannot parse the text after line {end.Line}, column {end.Column}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            Error(At(1), $"the file is empty; {emptyHint}");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Error(stream.Documents[1].RootNode, $"only one YAML document per {kind} file is supported");
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// The entries of <paramref name="map"/> by key. Unknown keys are reported (with the closest known key when
    /// one is near) and left out.
    /// </summary>
    public Dictionary<string, YamlNode> Fields(YamlMappingNode map, IReadOnlyList<string> known)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, "keys must be plain names");
                continue;
            }

            if (!known.Contains(key))
            {
                var closest = KeySuggester.Closest(key, known);
                Error(keyNode, closest is null
                    ? $"unknown key '{key}' (known: {string.Join(", ", known)})"
                    : $"unknown key '{key}' (did you mean '{closest}'?)");
                continue;
            }

            fields[key] = value;
        }

        return fields;
    }

    /// <summary>The mapping <paramref name="node"/> is, or null after reporting what it should have been.</summary>
    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode map) return map;
        Error(node, $"{what} must be a mapping (key: value lines), not {Describe(node)}");
        return null;
    }

    /// <summary>The sequence <paramref name="node"/> is, or null after reporting what it should have been.</summary>
    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence) return sequence;
        Error(node, $"{what} must be a list ('- ' items), not {Describe(node)}");
        return null;
    }

    /// <summary>The text of a scalar, or null after reporting that <paramref name="key"/> needs a single value.</summary>
    public string? Scalar(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar) return scalar.Value ?? string.Empty;
        Error(node, $"'{key}' must be a single value, not {Describe(node)}");
        return null;
    }

    /// <summary>A non-empty scalar value of a required key, reporting at <paramref name="owner"/> when it is missing.</summary>
    /// <summary>
    /// The required <c>name</c> of a suite or workload item: a valid name (see <see cref="SuiteNames"/>) not used
    /// before in <paramref name="firstLineByName"/>; reports the problem and returns null otherwise.
    /// </summary>
    public string? UniqueName(Dictionary<string, YamlNode> fields, YamlMappingNode owner, string what, Dictionary<string, int> firstLineByName)
    {
        var name = Required(fields, "name", owner, $"a {what}");
        if (name is null) return null;
        var node = fields["name"];
        if (!SuiteNames.IsValid(name))
        {
            Error(node, SuiteNames.Problem($"{what} name", name));
            return null;
        }

        var line = At(node).Line;
        if (!firstLineByName.TryAdd(name, line))
        {
            Error(node, $"duplicate {what} name '{name}' (first defined on line {firstLineByName[name]})");
            return null;
        }

        return name;
    }

    public string? Required(Dictionary<string, YamlNode> fields, string key, YamlNode owner, string ownerDescription)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            Error(owner, $"{ownerDescription} is missing '{key}'");
            return null;
        }

        var text = Scalar(node, key);
        if (text is not null && text.Trim().Length == 0)
        {
            Error(node, $"'{key}' must not be empty");
            return null;
        }

        return text?.Trim();
    }

    public bool TryNumber(YamlNode node, string key, out double value)
    {
        value = 0;
        var text = Scalar(node, key);
        if (text is null) return false;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)) return true;
        Error(node, $"'{key}' must be a number (got '{text}')");
        return false;
    }

    /// <summary>
    /// A share between 0 and 1, written as a percentage (<c>1%</c>, <c>0.5%</c>) or a fraction (<c>0.01</c>): a bare
    /// <c>1</c> is 100%, so the percentage form is the one docs show.
    /// </summary>
    public bool TryShare(YamlNode node, string key, out double value)
    {
        value = 0;
        var text = Scalar(node, key);
        if (text is null) return false;
        var percent = text.EndsWith('%');
        var number = percent ? text[..^1].Trim() : text;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
        {
            value = percent ? parsed / 100 : parsed;
            if (value is >= 0 and <= 1) return true;
        }

        Error(node, $"'{key}' must be a percentage from 0% to 100% (e.g. 1%) or a fraction from 0 to 1 (got '{text}')");
        return false;
    }

    public bool TryInteger(YamlNode node, string key, out long value)
    {
        value = 0;
        var text = Scalar(node, key);
        if (text is null) return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out value)) return true;
        Error(node, $"'{key}' must be a whole number (got '{text}')");
        return false;
    }

    public bool TryInt32(YamlNode node, string key, out int value)
    {
        value = 0;
        if (!TryInteger(node, key, out var wide)) return false;
        if (wide is < int.MinValue or > int.MaxValue)
        {
            Error(node, $"'{key}' is too large (got {wide})");
            return false;
        }

        value = (int)wide;
        return true;
    }

    public bool TryDuration(YamlNode node, string key, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var text = Scalar(node, key);
        if (text is null) return false;
        if (DurationParser.TryParse(text, out value, out var error)) return true;
        Error(node, $"'{key}': {error}");
        return false;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" } => "empty",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "this",
    };
}
