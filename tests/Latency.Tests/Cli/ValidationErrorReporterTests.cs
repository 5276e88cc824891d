using Latency.Bench.Cli;
using Latency.Scenarios.Validation;
using Xunit;

namespace Latency.Tests.Cli;

public sealed class ValidationErrorReporterTests
{
    [Fact]
    public async Task ReportAsync_LocatedAndOptionProblems_OneLineEachThenTheCountExitCode2()
    {
        var error = new StringWriter();
        var problems = new[]
        {
            new ValidationError(new SourceLocation("suite.yaml", 12), "rate must be > 0"),
            new ValidationError(null, "--http: must be 1.1 or 2 (got '3')"),
        };

        var code = await ValidationErrorReporter.ReportAsync(error, problems, "nothing was run");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(
            ["suite.yaml:12: rate must be > 0", "latency: --http: must be 1.1 or 2 (got '3')", "latency: 2 problem(s); nothing was run.", ""],
            error.ToString().Split(Environment.NewLine));
    }
}
