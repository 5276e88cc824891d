using System.CommandLine;
using System.Globalization;
using Latency.Bench.Application;
using Latency.Bench.Distributed;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency agents --nats URL [--creds FILE] [--listen 3s]</c>: lists the agents a NATS server hears (probe, name,
/// host, version, state, last heartbeat). Exit 0 (also when none is heard: the list says so), 2 for bad input, 3 when
/// the server cannot be reached.
/// </summary>
public static class AgentsCommand
{
    private static readonly TimeSpan DefaultListen = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var nats = new Option<string>("--nats") { Description = "The NATS server: nats://host:4222 or tls://host:4222.", Required = true };
        var creds = new Option<string?>("--creds") { Description = "A NATS credentials file, for a server that asks for one." };
        var listen = new Option<string>("--listen") { Description = "How long to listen for heartbeats (agents send one a second), e.g. 3s.", DefaultValueFactory = _ => "3s" };
        var command = new Command("agents",
            "List the agents a NATS server hears: probe, name, host, version, what each is doing and its last heartbeat.\n" +
            "Exit codes: 0 listed (none heard included), 2 bad input, 3 the server could not be reached.")
        {
            nats, creds, listen,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(new NatsEndpoint(parse.GetValue(nats)!, parse.GetValue(creds)),
            parse.GetValue(listen)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> ExecuteAsync(NatsEndpoint nats, string listenText, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var problems = nats.Problems().ToList();
        var listen = DefaultListen;
        if (!DurationParser.TryParse(listenText, out listen, out var durationError) || listen <= TimeSpan.Zero)
        {
            problems.Add($"--listen: {(durationError.Length > 0 ? durationError : $"must be > 0 (got '{listenText}')")}");
        }

        if (problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, [.. problems.Select(p => new ValidationError(null, p))], "nothing was listed")
                .ConfigureAwait(false);
        }

        var (agents, failure) = await AgentDirectoryService.ListAsync(nats, listen, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            await error.WriteLineAsync($"latency agents: {failure}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        await output.WriteLineAsync(Format(agents, listen)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>The listing: a line per agent, or a sentence when none was heard.</summary>
    internal static string Format(IReadOnlyList<AgentPresence> agents, TimeSpan listen)
    {
        var inv = CultureInfo.InvariantCulture;
        if (agents.Count == 0)
        {
            return string.Create(inv, $"no agent heard in {listen.TotalSeconds:0.#} s");
        }

        string[] header = ["probe", "agent", "host", "version", "state", "last heartbeat"];
        var rows = agents.Select(a => new[]
        {
            a.Last.Probe, a.Last.Name, a.Last.Host, a.Last.Version, a.Last.State,
            string.Create(inv, $"{a.Silence.TotalSeconds:0.0} s ago{(a.Lost ? " (lost)" : "")}"),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var lines = new[] { header }.Concat(rows).Select(r => string.Join("  ", r.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        return string.Join(Environment.NewLine, lines);
    }
}
