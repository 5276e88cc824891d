using System.CommandLine;
using Latency.Bench.Application;
using Latency.Bench.Distributed;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency collect RUN_ID --nats URL --out DIR</c>: rebuilds a distributed run's directory (logs, run.json, report)
/// from its JetStream stream, as its coordinator would have. Exit codes as <c>latency run</c>'s.
/// </summary>
public static class CollectCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run's id, as 'latency run --nats' printed it (run.json's distributed.run_id)." };
        var nats = new Option<string>("--nats") { Description = "The NATS server holding the run's stream: nats://host:4222 or tls://host:4222.", Required = true };
        var creds = new Option<string?>("--creds") { Description = "A NATS credentials file, for a server that asks for one." };
        var outDirectory = new Option<string>("--out", "-o") { Description = "The run directory to write: new or empty, unless --force.", Required = true };
        var force = new Option<bool>("--force") { Description = "Empty --out first when it is a run directory (holds a run.json) that is not empty." };
        var command = new Command("collect",
            "Rebuild a distributed run's directory from its stream (LATENCY_RUN_<id>): every agent's interval logs byte for byte, " +
            "run.json merged, the report. For a coordinator that crashed or was stopped, or to fetch a run on another machine.\n" +
            "Exit codes: 0 complete and thresholds passed, 1 a threshold failed, 2 bad input, 3 partial (an agent's part is " +
            "missing) or the server could not be reached.")
        {
            runId, nats, creds, outDirectory, force,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(runId)!, new NatsEndpoint(parse.GetValue(nats)!, parse.GetValue(creds)),
            parse.GetValue(outDirectory)!, parse.GetValue(force), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static async Task<int> ExecuteAsync(string runId, NatsEndpoint nats, string outDirectory, bool force, TextWriter output, TextWriter error)
    {
        var problems = nats.Problems().Select(p => new ValidationError(null, p)).ToList();
        if (DistributedSubjects.TokenProblem("RUN_ID", runId) is { } idProblem)
        {
            problems.Add(new ValidationError(null, idProblem));
        }

        if (RunDirectoryTarget.Problem(outDirectory, force) is { } outProblem)
        {
            problems.Add(new ValidationError(null, $"--out: {outProblem}"));
        }

        if (problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, problems, "nothing was collected").ConfigureAwait(false);
        }

        if (force)
        {
            RunDirectoryTarget.Empty(outDirectory);
        }

        var observer = new ConsoleRunObserver(output, error, showProgress: false);
        using var signals = new StopSignals(observer.Stopping);
        var outcome = await CollectService.CollectAsync(nats, runId, outDirectory, observer, signals.Token).ConfigureAwait(false);
        return await RunCommand.ReportAsync(outcome, output, error).ConfigureAwait(false);
    }
}
