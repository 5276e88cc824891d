namespace Latency.Scenarios.Suites;

/// <summary>A suite file (version 1), validated: every name resolves and every value is in range.</summary>
/// <param name="Name">The suite's <c>name</c>, or the file name without extension.</param>
/// <param name="SourceFile">The file it was read from, as given to <see cref="SuiteLoader"/>.</param>
/// <param name="Targets">Named absolute http/https base URLs.</param>
/// <param name="Scenarios">The scenarios, in file order.</param>
public sealed record SuiteDefinition(
    string Name,
    string SourceFile,
    IReadOnlyDictionary<string, Uri> Targets,
    IReadOnlyList<ScenarioDefinition> Scenarios);
