using Latency.Bench.Cli;

namespace Latency.Tests.Cli;

/// <summary>
/// Option values that once crashed or were reported in CLR terms: each is exit 2 with a line naming the option (or
/// the path), every problem at once, and no stack trace. Nothing here gets as far as running anything.
/// </summary>
public sealed class BadOptionTests
{
    private const string Url = "http://127.0.0.1:9/";

    [Fact]
    public async Task Run_DurationsBeyondADecimal_EachOptionNamedExitTwo()
    {
        var (code, lines) = await InvokeAsync("run", "--url", Url, "--rate", "5", "--duration", "99999999999999999999999999999s",
            "--timeout", "1e400s", "--warm-up", "-99999999999999999999999999999s");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(
            [
                "latency: --duration: duration '99999999999999999999999999999s' is too long",
                "latency: --timeout: unknown duration unit 'e400s' in '1e400s' (use us, ms, s, m, h)",
                "latency: --warm-up: duration must not be negative (got '-99999999999999999999999999999s')",
                "latency: 3 problem(s); nothing was run.",
            ],
            lines);
    }

    [Fact]
    public async Task Run_ZeroDurationAndTimeout_RefusedWhereZeroMeansNothing()
    {
        var (code, lines) = await InvokeAsync("run", "--url", Url, "--rate", "5", "--duration", "0s", "--timeout", "0ms", "--warm-up", "0s");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["latency: --duration: must be > 0 (got '0s')", "latency: --timeout: must be > 0 (got '0ms')", "latency: 2 problem(s); nothing was run."], lines);
    }

    [Theory]
    [InlineData("--rate", "-5", "latency: --rate: must be > 0 (got -5)")]
    [InlineData("--rate", "1e400", "latency: --rate: must be > 0 and finite (got a number too large for a rate)")]
    [InlineData("--connections", "0", "latency: --connections: must be > 0 (got 0)")]
    public async Task Run_OutOfRangeNumber_NamedExitTwo(string option, string value, string expected)
    {
        var (code, lines) = await InvokeAsync(["run", "--url", Url, .. option == "--rate" ? Array.Empty<string>() : ["--rate", "5"], option, value]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([expected, "latency: 1 problem(s); nothing was run."], lines);
    }

    [Theory]
    [InlineData("run --url " + Url + " --rate 5 --connections 99999999999", "latency: --connections: '99999999999' is not a whole number up to 2147483647")]
    [InlineData("run --url " + Url + " --rate abc", "latency: --rate: 'abc' is not a number")]
    [InlineData("history show --last 99999999999", "latency: --last: '99999999999' is not a whole number up to 2147483647")]
    [InlineData("publish somewhere --cloudwatch --max-metrics lots", "latency: --max-metrics: 'lots' is not a whole number up to 2147483647")]
    public async Task Parse_NumberThatIsNotOne_SaysWhatTheOptionTakes(string commandLine, string expected)
    {
        var (code, lines) = await InvokeAsync(commandLine.Split(' '));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(expected, lines[0]);
        Assert.DoesNotContain(lines, l => l.Contains("System.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("agent --probe mumbai", "Try 'latency agent --help'.")]
    [InlineData("history add", "Try 'latency history add --help'.")]
    [InlineData("--nonsense", "Try 'latency --help' or 'latency run --help'.")]
    public async Task Parse_Error_PointsAtTheHelpOfTheCommandBeingParsed(string commandLine, string expected)
    {
        var (code, lines) = await InvokeAsync(commandLine.Split(' '));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(expected, lines[^1]);
    }

    [Fact]
    public async Task Report_FileGivenForTheRunDirectory_NamedAsAFileExitTwo()
    {
        using var directory = new TempDirectory();
        var file = directory.File("run.json", "{}");

        var (code, lines) = await InvokeAsync("report", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"{file}: is a file, not a run directory (give the directory that holds run.json)"], lines);
    }

    private static async Task<(int Code, string[] Lines)> InvokeAsync(params string[] args)
    {
        var error = new StringWriter();
        var code = await LatencyCli.InvokeAsync(args, new StringWriter(), error);
        var text = error.ToString();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return (code, text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
