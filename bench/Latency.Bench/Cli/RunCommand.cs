using System.CommandLine;
using Latency.Bench.Application;
using Latency.Reports.Study;
using Latency.RunDirectory;

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
        var outDirectory = new Option<string?>("--out", "-o")
        {
            Description = "Run directory to write (default runs/<UTC time>-<suite>); new or empty, unless --force.",
        };
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
        var force = new Option<bool>("--force")
        {
            Description = "Empty the --out directory first when it is a run directory (holds a run.json) that is not empty; " +
                          "without it a non-empty --out is refused, and a folder that is not a run directory is never emptied.",
        };
        var history = new Option<string?>("--history")
        {
            Description = "Add the run to this history file when it ends (as 'latency history add' does), partial runs too.",
        };

        var nats = new Option<string?>("--nats")
        {
            Description = "Run the study on agents instead of here: the NATS server (with JetStream) they listen on, e.g. nats://host:4222 " +
                          "or tls://host:4222. Each probe's cells run on an agent of that probe ('latency agent'); one run directory is written here.",
        };
        var creds = new Option<string?>("--creds") { Description = "With --nats: a NATS credentials file (JWT and nkey seed, as nsc writes it)." };
        var waitAgents = new Option<string?>("--wait-agents")
        {
            Description = "With --nats: how long to wait for an agent of every compared probe (default 60s); the missing probes are named and the run exits 3.",
        };
        var clockBound = new Option<string?>("--clock-bound")
        {
            Description = "With --nats: an agent's clock-offset uncertainty beyond which run.json and the log say so (default 10ms).",
        };
        var publish = PublishOption();
        var command = new Command("run",
            "Run a suite (or one URL) and write a run directory: run.json, HdrHistogram interval logs (.hlog, microseconds). " +
            "Latency is recorded corrected (from each request's intended start) and uncorrected, side by side. " +
            "Ctrl-C stops gracefully and keeps what was recorded (marked partial).")
        {
            suite, outDirectory, force, duration, url, rate, connections, http, method, timeout, warmUp, noProgress, history, publish,
            nats, creds, waitAgents, clockBound,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(publish), new RunRequest
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
            Force = parse.GetValue(force),
            HistoryFile = parse.GetValue(history),
            Nats = parse.GetValue(nats),
            NatsCredentials = parse.GetValue(creds),
            WaitAgents = parse.GetValue(waitAgents),
            ClockBound = parse.GetValue(clockBound),
        }, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// <c>--publish cloudwatch</c>: publish the run's metrics when it ends, as <c>latency publish RUN_DIR --cloudwatch</c>
    /// does with the environment's region, endpoint and credentials (AWS_REGION, AWS_ENDPOINT_URL_CLOUDWATCH, ...).
    /// </summary>
    internal static Option<string?> PublishOption()
    {
        var publish = new Option<string?>("--publish")
        {
            Description = "Publish the run's metrics when it ends: 'cloudwatch' (as 'latency publish RUN_DIR --cloudwatch', with the " +
                          "environment's AWS region, endpoint and credentials); a failed publish exits 3.",
        };
        publish.AcceptOnlyFromAmong("cloudwatch");
        return publish;
    }

    /// <summary>Runs <paramref name="request"/> through <see cref="RunService"/>, prints how it went and returns the exit code.</summary>
    internal static Task<int> ExecuteAsync(RunRequest request, TextWriter output, TextWriter error) => ExecuteAsync(null, request, output, error);

    /// <summary>As above, then publishes the run directory to <paramref name="publish"/> (<c>cloudwatch</c>) when given.</summary>
    /// <remarks>A failure escapes to <see cref="LatencyCli"/>'s handler, which reports every command's the same way.</remarks>
    internal static async Task<int> ExecuteAsync(string? publish, RunRequest request, TextWriter output, TextWriter error)
    {
        var observer = new ConsoleRunObserver(output, error, !request.NoProgress);
        using var signals = new StopSignals(observer.Stopping);
        var outcome = await new RunService(observer).RunAsync(request, signals.Token).ConfigureAwait(false);
        var code = await ReportAsync(outcome, output, error).ConfigureAwait(false);
        code = await AddToHistoryAsync(outcome, request.HistoryFile, code, output, error).ConfigureAwait(false);
        if (publish is null || outcome.RunDirectory is null || outcome.Problems.Count > 0)
        {
            return code;
        }

        if (signals.Token.IsCancellationRequested)
        {
            await error.WriteLineAsync($"latency: not published (the run was interrupted); later: latency publish {outcome.RunDirectory} --cloudwatch")
                .ConfigureAwait(false);
            return code;
        }

        // Partial runs too: what was measured is worth seeing, and the Sessions metric shows how much there was.
        var published = await PublishCommand.ExecuteAsync(outcome.RunDirectory, new PublishOptions(CloudWatch: true), output, error, signals.Token)
            .ConfigureAwait(false);
        return ExitCodes.Worst([code, published]);
    }

    /// <summary>
    /// Adds the run to <paramref name="historyFile"/> (when given and a run directory was written) and prints one line
    /// saying so; the run's exit code <paramref name="code"/> stands, except that a run that passed but could not be
    /// added exits 2, so a nightly job notices a history it is no longer feeding.
    /// </summary>
    internal static async Task<int> AddToHistoryAsync(RunOutcome outcome, string? historyFile, int code, TextWriter output, TextWriter error)
    {
        if (historyFile is null || outcome.RunDirectory is null || outcome.Problems.Count > 0)
        {
            return code;
        }

        var added = await HistoryCommand.AddAsync(outcome.RunDirectory, label: null, historyFile, output, error, CancellationToken.None)
            .ConfigureAwait(false);
        return code == ExitCodes.Ok ? added : code;
    }

    /// <summary>
    /// What the outcome means for the user: bad input, an incomplete run, each failed threshold by name (a nightly
    /// job's log must say what failed, not only how many), then the study report's finding and headline last, next to
    /// where the report is: the lines a reader of the log sees.
    /// </summary>
    internal static async Task<int> ReportAsync(RunOutcome outcome, TextWriter output, TextWriter error)
    {
        if (outcome.Problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "nothing was run").ConfigureAwait(false);
        }

        if (outcome.Status != RunStatus.Complete)
        {
            await error.WriteLineAsync($"latency: run {outcome.Status.ToString()!.ToLowerInvariant()}: {outcome.StatusReason}." +
                                       (outcome.RunDirectory is null ? "" : $" What was recorded is in {outcome.RunDirectory}.")).ConfigureAwait(false);
        }
        else if (outcome.FailedThresholds.Count > 0)
        {
            foreach (var failed in outcome.FailedThresholds)
            {
                await error.WriteLineAsync($"latency: threshold failed: {failed.Scenario}: {failed.Description}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"latency: {outcome.FailedThresholds.Count} threshold(s) failed.").ConfigureAwait(false);
        }

        if (outcome.Report is { } report)
        {
            if (report.Finding is { } finding)
            {
                await output.WriteLineAsync(finding).ConfigureAwait(false);
            }

            if (report.Headline is { } headline)
            {
                await output.WriteLineAsync(headline).ConfigureAwait(false);
            }

            var html = report.Files.FirstOrDefault(f => f.EndsWith(StudyReportWriter.HtmlFileName, StringComparison.Ordinal));
            await output.WriteLineAsync($"Report: {html ?? outcome.RunDirectory}").ConfigureAwait(false);
        }

        return ExitCodes.For(outcome);
    }
}
