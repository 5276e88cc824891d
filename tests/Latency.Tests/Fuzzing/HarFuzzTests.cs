using System.Text;
using Latency.Scenarios.Har;
using Latency.Scenarios.Validation;
using Xunit.Abstractions;

namespace Latency.Tests.Fuzzing;

/// <summary>
/// <c>latency import-har</c>: whatever the bytes, the importer returns a workload or throws
/// <see cref="InputValidationException"/> whose every error names the file and a line in it. The seed is the
/// repository's Chromium capture.
/// </summary>
public sealed class HarFuzzTests(ITestOutputHelper output)
{
    private const string FileName = "capture.har";

    [Fact]
    public void Parse_MutatedAndRandomBytes_ImportsOrLocatedErrors()
    {
        var valid = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "scenarios", "workloads", "fixtures", "chromium-fetches.har"));
        var tried = FuzzRun.Check(output, "har (mutated)", Mutations.BytesOf(valid), ImportsOrLocatedErrors, 2_500, Mutations.Print);
        tried += FuzzRun.Check(output, "har (random bytes)", Mutations.RandomBytes, ImportsOrLocatedErrors, 500, Mutations.Print);
        output.WriteLine($"har: {tried} inputs tried in all");
    }

    private static void ImportsOrLocatedErrors(byte[] bytes)
    {
        try
        {
            Assert.NotNull(HarImporter.Parse(bytes, FileName).Workload);
        }
        catch (InputValidationException e)
        {
            Assert.NotEmpty(e.Errors);
            var lines = Encoding.UTF8.GetString(bytes).Split('\n').Length;
            foreach (var error in e.Errors)
            {
                Assert.True(error.Location is { File: FileName, Line: >= 1 }, $"error without a location in the file: {error}");
                Assert.True(error.Location.Line <= lines + 1, $"error past the last line {lines}: {error}");
            }
        }
    }
}
