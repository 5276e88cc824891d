using System.CommandLine;
using Latency.Bench.Application;
using Latency.Bench.Distributed;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency agent --nats URL --probe NAME [--name AGENT] [--creds FILE]</c>: runs on a host in a probe's country and
/// announces itself to coordinators over NATS (a heartbeat a second), until Ctrl-C or SIGTERM. Exit 0 when stopped,
/// 2 for bad input, 3 when the server cannot be reached at start (later outages are waited out: it reconnects).
/// </summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var nats = new Option<string>("--nats") { Description = "The NATS server: nats://host:4222, or tls://host:4222 for TLS (comma-separated for a cluster).", Required = true };
        var probe = new Option<string>("--probe") { Description = "The probe (country) this host plays, as the suite's 'compare' names it, e.g. mumbai.", Required = true };
        var name = new Option<string?>("--name") { Description = "This agent's name among the probe's agents (letters, digits, '-', '_'; default: the host name)." };
        var creds = new Option<string?>("--creds") { Description = "A NATS credentials file (JWT and nkey seed, as nsc writes it) for a server that asks for one." };
        var runs = new Option<string?>("--runs") { Description = "Where each run's own run directory is kept, RUNS/RUN_ID-AGENT (default: agent-runs in the current folder)." };
        var command = new Command("agent",
            "Run as a probe's agent on this host: connect to NATS, announce this host to coordinators (a heartbeat a " +
            "second on latency.agents.PROBE.NAME.heartbeat) and run the probe's cells of the studies they send " +
            "('latency run SUITE --nats URL'), streaming each interval's results to the run's JetStream stream, until " +
            "Ctrl-C or SIGTERM; reconnects by itself when the server goes away. 'latency agents' lists the agents a server hears.\n" +
            "Exit codes: 0 stopped, 2 bad input, 3 the server could not be reached at start.")
        {
            nats, probe, name, creds, runs,
        };
        command.SetAction((parse, _) => ExecuteAsync(
            new AgentRequest(new NatsEndpoint(parse.GetValue(nats)!, parse.GetValue(creds)), parse.GetValue(probe)!, parse.GetValue(name))
            {
                RunsDirectory = parse.GetValue(runs) ?? "agent-runs",
            },
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static async Task<int> ExecuteAsync(AgentRequest request, TextWriter output, TextWriter error)
    {
        if (request.Problems() is { Count: > 0 } problems)
        {
            return await ValidationErrorReporter.ReportAsync(error, [.. problems.Select(p => new ValidationError(null, p))], "the agent did not start")
                .ConfigureAwait(false);
        }

        using var signals = new StopSignals(signal => error.WriteLine($"latency agent: {signal}: stopping"));
        var observer = new ConsoleRunObserver(output, error, showProgress: false);
        var outcome = await AgentService.RunAsync(request, error, observer, TimeProvider.System, signals.Token).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            await error.WriteLineAsync($"latency agent: {failure}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        await error.WriteLineAsync($"latency agent: stopped after {outcome.Heartbeats} heartbeat(s)").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
