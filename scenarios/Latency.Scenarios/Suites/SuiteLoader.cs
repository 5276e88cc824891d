namespace Latency.Scenarios.Suites;

/// <summary>
/// Reads suite files (version 1, YAML; see docs/suite-reference.md) with <c>SuiteLoader.Load(path)</c> or
/// <c>SuiteLoader.Parse(text, fileName)</c>. Bad input throws an exception carrying every problem found, each with the
/// file and line, so the command line can print them all and exit 2 without a stack trace.
/// </summary>
public sealed class SuiteLoader : YamlDocumentLoader<SuiteDefinition, SuiteLoader>
{
    private protected override string Kind => "suite";

    private protected override SuiteDefinition? Read(YamlContext context, string yamlText) => new SuiteReader(context).Read(yamlText);
}
