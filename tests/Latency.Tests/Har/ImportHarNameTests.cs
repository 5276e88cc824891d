using Latency.Bench.Cli;
using Latency.Scenarios.Workloads;

namespace Latency.Tests.Har;

/// <summary>
/// <c>latency import-har --name</c>: a name the workload loader would refuse is refused before anything is written,
/// and every name it accepts makes a workload that loads back under that name.
/// </summary>
public sealed class ImportHarNameTests
{
    [Theory]
    [InlineData("Bad Name")]
    [InlineData("checkout/v2")]
    [InlineData("café")]
    [InlineData("")]
    public async Task ImportHar_NameTheLoaderRefuses_ExitTwoNamingTheOptionAndWritesNothing(string name)
    {
        using var directory = new TempDirectory();
        var target = directory.File("imported.yaml");

        var (code, error) = await ImportAsync(name, target);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(
            [$"latency: --name: workload name '{name}' may only contain lower-case letters, digits and '-'", "latency: 1 problem(s); nothing was written."],
            error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task ImportHar_BadNameAndUnreadableHar_ReportsBoth()
    {
        using var directory = new TempDirectory();
        var har = directory.File("broken.har", "{ \"log\": ");
        var error = new StringWriter();

        var code = await LatencyCli.InvokeAsync(["import-har", har, "--name", "Bad"], new StringWriter(), error);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("latency: --name: workload name 'Bad'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{har}:1:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("latency: 2 problem(s); nothing was written.", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkout-v2")]
    [InlineData("-")]
    [InlineData("---")]
    [InlineData("123")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("0x1f")]
    public async Task ImportHar_NameTheLoaderAccepts_WritesAWorkloadThatLoadsUnderIt(string name)
    {
        using var directory = new TempDirectory();
        var target = directory.File("imported.yaml");

        var (code, error) = await ImportAsync(name, target);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        Assert.Equal(name, WorkloadLoader.Load(target).Name);
    }

    private static async Task<(int Code, string Error)> ImportAsync(string name, string target)
    {
        var error = new StringWriter();
        var code = await LatencyCli.InvokeAsync(["import-har", HarImporterTests.FixturePath(), "--out", target, "--name", name], new StringWriter(), error);
        return (code, error.ToString());
    }
}
