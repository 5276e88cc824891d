using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Workloads;

/// <summary>
/// Reads workload files (version 1, YAML; see docs/workload-reference.md). Bad input throws
/// <see cref="InputValidationException"/> carrying every problem found, each with the file and line, in file order.
/// </summary>
public static class WorkloadLoader
{
    /// <summary>Reads and validates the workload file at <paramref name="path"/>.</summary>
    /// <exception cref="InputValidationException">The file is missing, unreadable or invalid.</exception>
    public static WorkloadDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: workload file not found")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: cannot read workload file: {ex.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Validates the workload in <paramref name="yamlText"/>. <paramref name="fileName"/> prefixes error locations and,
    /// without extension, is the default workload name.
    /// </summary>
    /// <exception cref="InputValidationException">The text is not a valid workload.</exception>
    public static WorkloadDefinition Parse(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var context = new YamlContext(fileName);
        var workload = new WorkloadReader(context).Read(yamlText);
        if (context.Errors.Count > 0 || workload is null)
        {
            throw new InputValidationException(context.Errors.Count > 0
                ? context.InFileOrder()
                : [new ValidationError(context.At(1), "not a valid workload")]);
        }

        return workload;
    }
}
