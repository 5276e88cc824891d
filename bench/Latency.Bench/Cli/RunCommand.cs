using System.CommandLine;

namespace Latency.Bench.Cli;

/// <summary><c>latency run [SUITE.yaml] [options]</c>, and the one-liner <c>latency run --url URL --rate R</c>.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var suite = new Argument<string?>("suite")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "Suite file (YAML, docs/suite-reference.md). Without it and without --url, runs the default study " +
                          "(scenarios/suites/default.yaml, built in) over the emulated world.",
        };
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Run directory to write (default runs/<UTC time>-<suite>)." };
        var duration = new Option<string?>("--duration", "-d")
        {
            Description = "Stop scheduling after this long, e.g. 30s or 2m (for --url: how long to run, default 10s).",
        };
        var url = new Option<string?>("--url") { Description = "One-liner mode: the URL to request, like wrk2 or vegeta." };
        var rate = new Option<double?>("--rate", "-R") { Description = "One-liner mode: requests per second (open model, evenly spaced)." };
        var connections = new Option<int?>("--connections", "-c") { Description = "One-liner mode: most requests in flight and connections (default 10)." };
        var http = new Option<string?>("--http") { Description = "One-liner mode: HTTP version, 1.1 (default) or 2." };
        var method = new Option<string?>("--method", "-X") { Description = "One-liner mode: HTTP method (default GET)." };
        var timeout = new Option<string?>("--timeout") { Description = "One-liner mode: per-request timeout (default 30s)." };
        var warmUp = new Option<string?>("--warm-up") { Description = "One-liner mode: run this long first without recording (default 0s)." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show live progress." };

        var command = new Command("run",
            "Run a suite (or one URL) and write a run directory: run.json, HdrHistogram interval logs (.hlog, microseconds). " +
            "Latency is recorded corrected (from each request's intended start) and uncorrected, side by side. " +
            "Ctrl-C stops gracefully and keeps what was recorded (marked partial).")
        {
            suite, outDirectory, duration, url, rate, connections, http, method, timeout, warmUp, noProgress,
        };
        command.SetAction((parse, cancellationToken) => RunExecutor.ExecuteAsync(new RunRequest
        {
            SuitePath = parse.GetValue(suite),
            OutDirectory = parse.GetValue(outDirectory),
            Duration = parse.GetValue(duration),
            Url = parse.GetValue(url),
            Rate = parse.GetValue(rate),
            Connections = parse.GetValue(connections),
            Http = parse.GetValue(http),
            Method = parse.GetValue(method),
            Timeout = parse.GetValue(timeout),
            WarmUp = parse.GetValue(warmUp),
            NoProgress = parse.GetValue(noProgress),
        }, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }
}
