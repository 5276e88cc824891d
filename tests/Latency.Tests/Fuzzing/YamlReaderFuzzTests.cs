using System.Text.RegularExpressions;
using CsCheck;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;
using Latency.Scenarios.Worlds;
using Xunit.Abstractions;

namespace Latency.Tests.Fuzzing;

/// <summary>
/// Suite, workload and world files: whatever the text, the loader returns a document or throws
/// <see cref="InputValidationException"/> whose every error names a file and a line in it; nothing else escapes.
/// The seeds are the repository's own files, parsed under their real paths so the files a suite names resolve.
/// </summary>
public sealed partial class YamlReaderFuzzTests(ITestOutputHelper output)
{
    private const int MutatedInputs = 2_500;
    private const int RandomInputs = 500;

    [Fact]
    public void SuiteLoader_MutatedAndRandomText_LoadsOrLocatedErrors() =>
        Fuzz("suite", Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "scenarios", "suites"), "*.yaml"), SuiteLoader.Parse);

    [Fact]
    public void WorkloadLoader_MutatedAndRandomText_LoadsOrLocatedErrors() =>
        Fuzz("workload", Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "scenarios", "workloads"), "*.yaml"), WorkloadLoader.Parse);

    [Fact]
    public void WorldLoader_MutatedAndRandomText_LoadsOrLocatedErrors() =>
        Fuzz("world", [RepositoryPaths.World("asia"), RepositoryPaths.World("fidelity")], WorldLoader.Parse);

    private void Fuzz<T>(string kind, IReadOnlyList<string> validFiles, Func<string, string, T> parse)
    {
        var valid = validFiles.Order(StringComparer.Ordinal).Select(f => (Path: f, Text: File.ReadAllText(f))).ToList();
        var gen = Gen.Int[0, valid.Count - 1].SelectMany(file => Mutations.Of(valid[file].Text).Select(text => (valid[file].Path, Text: text)));
        var tried = FuzzRun.Check(output, kind + " (mutated)", gen, input => LoadsOrLocatedErrors(parse, input.Text, input.Path), MutatedInputs,
            input => Mutations.Print(input.Text));
        tried += FuzzRun.Check(output, kind + " (random text)", Mutations.RandomText, text => LoadsOrLocatedErrors(parse, text, valid[0].Path),
            RandomInputs, Mutations.Print);
        output.WriteLine($"{kind}: {tried} inputs tried in all");
    }

    /// <summary>The property every YAML loader keeps.</summary>
    internal static void LoadsOrLocatedErrors<T>(Func<string, string, T> parse, string text, string fileName)
    {
        try
        {
            Assert.NotNull(parse(text, fileName));
        }
        catch (InputValidationException e)
        {
            Assert.NotEmpty(e.Errors);
            // YAML breaks lines at \r and the Unicode line ends too, and YamlDotNet counts them so.
            var lines = 1 + YamlLineBreak().Count(text);
            foreach (var error in e.Errors)
            {
                Assert.True(error.Location is { File.Length: > 0, Line: >= 1 }, $"error without a location: {error}");
                Assert.True(error.Location.File != fileName || error.Location.Line <= lines + 1, $"error past the last line {lines}: {error}");
            }
        }
    }

    [GeneratedRegex("\r\n|[\r\n\u0085\u2028\u2029]")]
    private static partial Regex YamlLineBreak();
}
