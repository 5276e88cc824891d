using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using Latency.Bench.Cli;

namespace Latency.Tests.Cli;

/// <summary>
/// The top-level handler: whatever a command lets escape is exit 3 with one line naming the command, never exit 1 (a
/// failed threshold) and never a stack trace unless asked for. A test-only command throws each kind of exception
/// through the real command line.
/// </summary>
public sealed class CommandFailureTests
{
    public static TheoryData<string, string> Failures => new()
    {
        { "io", "latency boom: cannot read or write a file: No space left on device : '/data/run.json'" },
        { "missing-file", "latency boom: not found: Could not find file 'suite.yaml'." },
        { "denied", "latency boom: permission denied: Access to the path '/run/latency' is denied." },
        { "win32-other", "latency boom: cannot run a program: Operation not permitted" },
        { "timeout", "latency boom: timed out: the backend did not answer in 5 s" },
        { "http", "latency boom: network error: Connection refused (localhost:1)" },
        { "aggregate", "latency boom: cannot read or write a file: No space left on device : '/data/run.json'" },
        { "bug", "latency boom: internal error: InvalidOperationException: Sequence contains no elements (run again with --verbose to see the stack trace)" },
        { "null", "latency boom: internal error: NullReferenceException: Object reference not set to an instance of an object. (run again with --verbose to see the stack trace)" },
        { "cancelled", "latency boom: interrupted" },
        { "sync", "latency boom: internal error: ArgumentException: thrown before the first await (run again with --verbose to see the stack trace)" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task InvokeAsync_CommandThrows_ExitThreeWithOneLineAndNoStackTrace(string kind, string expected)
    {
        var (code, error) = await InvokeAsync("boom", kind);

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.Equal([expected], Lines(error));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ProgramNotOnPath_NamesTheProgram()
    {
        var (code, error) = await InvokeAsync("boom", "no-program");

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.Equal(["latency boom: cannot run 'latency-no-such-program-16': not found (is it installed and on PATH?)"], Lines(error));
    }

    [Fact]
    public async Task InvokeAsync_Verbose_AddsTheStackTraceAfterTheLine()
    {
        var (code, error) = await InvokeAsync("boom", "bug", "--verbose");

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.StartsWith("latency boom: internal error: InvalidOperationException: Sequence contains no elements" + Environment.NewLine, error, StringComparison.Ordinal);
        Assert.DoesNotContain("--verbose to see", error, StringComparison.Ordinal);
        Assert.Contains("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_NestedCommand_NamedAsTyped()
    {
        var (code, error) = await InvokeAsync("outer", "inner", "io");

        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.StartsWith("latency outer inner: cannot read or write a file:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_Help_ListsVerbose()
    {
        var output = new StringWriter();

        var code = await LatencyCli.InvokeAsync(["report", "--help"], output, new StringWriter());

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("--verbose", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> InvokeAsync(params string[] args)
    {
        var root = LatencyCli.CreateRootCommand();
        var kind = new Argument<string>("kind");
        var boom = new Command("boom") { kind };
        boom.SetAction((parse, _) => Throw(parse.GetValue(kind)!));
        var innerKind = new Argument<string>("kind");
        var inner = new Command("inner") { innerKind };
        inner.SetAction((parse, _) => Throw(parse.GetValue(innerKind)!));
        root.Subcommands.Add(boom);
        root.Subcommands.Add(new Command("outer") { inner });
        var error = new StringWriter();

        var code = await LatencyCli.InvokeAsync(root, args, new StringWriter(), error);

        return (code, error.ToString());
    }

    private static Task<int> Throw(string kind)
    {
        if (kind == "sync")
        {
            throw new ArgumentException("thrown before the first await");
        }

        return ThrowAsync(kind);
    }

    private static async Task<int> ThrowAsync(string kind)
    {
        await Task.Yield();
        var io = new IOException("No space left on device : '/data/run.json'");
        throw kind switch
        {
            "io" => io,
            "missing-file" => new FileNotFoundException("Could not find file 'suite.yaml'.", "suite.yaml"),
            "denied" => new UnauthorizedAccessException("Access to the path '/run/latency' is denied."),
            "win32-other" => new Win32Exception(1, "Operation not permitted"),
            "timeout" => new TimeoutException("the backend did not answer in 5 s"),
            "http" => new HttpRequestException("Connection refused (localhost:1)"),
            "aggregate" => new AggregateException(io),
            "bug" => new InvalidOperationException("Sequence contains no elements"),
            "null" => new NullReferenceException(),
            "cancelled" => new OperationCanceledException(),
            "no-program" => StartMissingProgram(),
            _ => new ArgumentException(kind),
        };
    }

    private static Exception StartMissingProgram()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("latency-no-such-program-16") { UseShellExecute = false });
            return new InvalidOperationException("the program exists after all");
        }
        catch (Win32Exception ex)
        {
            return ex;
        }
    }

    private static string[] Lines(string text) => text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
