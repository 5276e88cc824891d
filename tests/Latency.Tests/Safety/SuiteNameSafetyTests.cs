using Latency.Bench.Application;
using Latency.Scenarios.Validation;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Safety;

/// <summary>A suite's name becomes part of the default run folder (runs/TIME-NAME), so it must be a plain file name.</summary>
public sealed class SuiteNameSafetyTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // The repository's example suite with another name (and, where asked, a second mistake to be collected too).
    private static readonly string Example = File.ReadAllText(RepositoryPaths.Suite("example-local"));
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static int NameLine => Example[..Example.IndexOf("\nname: example-local", StringComparison.Ordinal)].Count(c => c == '\n') + 2;

    private string Suite(string name, bool zeroRate = true) => _temp.File("suite.yaml", Example
        .Replace("\nname: example-local", $"\nname: \"{name}\"", StringComparison.Ordinal)
        .Replace("{ rate: 200, interval: 1s, during: 30s }", zeroRate ? "{ rate: 0, interval: 1s, during: 30s }" : "{ rate: 200, interval: 1s, during: 30s }",
            StringComparison.Ordinal));

    [Theory]
    [InlineData("../../x")]
    [InlineData("/etc/x")]
    [InlineData("..")]
    [InlineData("a b")]
    [InlineData("x\\\\y")]
    public void Plan_UnsafeSuiteName_IsAnErrorAtItsLineWithTheOtherErrors(string name)
    {
        var file = Suite(name);

        var error = Assert.Throws<InputValidationException>(() => RunPlanner.Plan(new RunRequest { SuitePath = file }, () => Now));

        var nameError = Assert.Single(error.Errors, e => e.Message.Contains("the suite name", StringComparison.Ordinal));
        Assert.Equal(file, nameError.Location?.File);
        Assert.Equal(NameLine, nameError.Location?.Line);
        // Collected, not stopped at: the rate of 0 is reported in the same pass.
        Assert.Contains(error.Errors, e => e.Message.Contains("rate", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_OverlongSuiteName_IsAnError()
    {
        var error = Assert.Throws<InputValidationException>(() =>
            RunPlanner.Plan(new RunRequest { SuitePath = Suite(new string('a', 101)) }, () => Now));

        Assert.Contains(error.Errors, e => e.Message.Contains("at most 100 characters", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("checkout-smoke")]
    [InlineData("v1.2_nightly")]
    public void Plan_SafeSuiteName_RunFolderIsDirectlyUnderRuns(string name)
    {
        var plan = RunPlanner.Plan(new RunRequest { SuitePath = Suite(name, zeroRate: false) }, () => Now);

        Assert.Equal(Path.Combine("runs", "20250301-120000-" + name), plan.OutDirectory);
    }
}
