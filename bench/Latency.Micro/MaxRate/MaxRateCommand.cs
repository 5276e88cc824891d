using System.Globalization;
using System.Net;
using System.Text;
using Latency.World.Backend;

namespace Latency.Micro.MaxRate;

/// <summary>
/// <c>max-rate</c>: how many requests per second our engine can drive against a trivial Kestrel endpoint (the handset
/// backend's <c>GET /health</c>), next to wrk and hey against the same endpoint in the same run. Prints a Markdown section (pasted as is into bench/results/).
/// Exit codes: 0 done, 2 bad arguments, 3 the server or a client failed.
/// </summary>
public static class MaxRateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (parsed, errors) = MaxRateOptions.Parse(args);
        if (parsed is not { } options)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"max-rate: {error}");
            }

            await Console.Error.WriteLineAsync(MaxRateOptions.Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var wrk = ToolPath.Find("wrk", options.WrkPath);
        if (options.WrkPath is not null && wrk is null)
        {
            await Console.Error.WriteLineAsync($"max-rate: --wrk {options.WrkPath}: no such file");
            return 2;
        }

        var hey = ToolPath.Find("hey", options.HeyPath);
        if (options.HeyPath is not null && hey is null)
        {
            await Console.Error.WriteLineAsync($"max-rate: --hey {options.HeyPath}: no such file");
            return 2;
        }

        IReadOnlyList<PeerTool> peers = [WrkClient.Create(wrk), HeyClient.Create(hey)];
        try
        {
            return options.InProcess
                ? await RunInProcessAsync(options, peers, stop.Token)
                : await RunOutOfProcessAsync(options, peers, stop.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            await Console.Error.WriteLineAsync($"max-rate: {ex.Message}");
            return 3;
        }
    }

    private static async Task<int> RunOutOfProcessAsync(MaxRateOptions options, IReadOnlyList<PeerTool> peers, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var serverCpu = () => server.CpuTime;
        var setup = $"Kestrel in a separate process (`serve` mode, server GC), {server.BaseUrl}";
        return await CompareAsync(server.BaseUrl, setup, options, peers, serverCpu, cancellationToken);
    }

    private static async Task<int> RunInProcessAsync(MaxRateOptions options, IReadOnlyList<PeerTool> peers, CancellationToken cancellationToken)
    {
        await using var server = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, cancellationToken);
        var url = ServeCommand.HealthUrl(server);
        var setup = $"Kestrel inside the engine's process (`--in-process`), {url}";
        return await CompareAsync(url, setup, options, peers, null, cancellationToken);
    }

    private static async Task<int> CompareAsync(Uri url, string setup, MaxRateOptions options, IReadOnlyList<PeerTool> peers,
        Func<TimeSpan>? serverCpu, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"max-rate: engine, {options.Connections} connections, {options.WarmUpSeconds} s warm-up + {options.Seconds} s ...");
        var engine = await EngineClient.RunAsync(url, options, serverCpu, cancellationToken);
        var rows = new List<RateFigures> { engine };
        var notes = new List<string>();
        var exitCode = 0;
        foreach (var peer in peers)
        {
            if (peer.Path is null)
            {
                notes.Add($"{peer.Name} was not found on PATH (Debian package `{peer.Name}`, scripts/install-bench-tools.sh; or pass `--{peer.Name} PATH`): its row is missing.");
                continue;
            }

            var arguments = peer.Arguments(url, options);
            await Console.Error.WriteLineAsync($"max-rate: {peer.Name} {string.Join(' ', arguments)} ...");
            var outcome = await PeerProcess.RunAsync(peer.Path, arguments, serverCpu, cancellationToken);
            var figures = peer.Parse(peer.RowName(options), outcome.Output, outcome.ClientCores, outcome.ServerCores);
            exitCode = Math.Max(exitCode, AddPeer(rows, notes, peer.Name, figures, outcome.Output));
        }

        Console.WriteLine(Format(setup, options, rows, notes, serverCpu is not null));
        return rows.Any(r => r.Requests == 0) ? 3 : exitCode;
    }

    private static int AddPeer(List<RateFigures> rows, List<string> notes, string name, RateFigures? figures, string output)
    {
        if (figures is null)
        {
            notes.Add($"{name} produced no `Requests/sec:` line; its output was:\n\n```\n" + output.TrimEnd() + "\n```");
            return 3;
        }

        rows.Add(figures);
        return 0;
    }

    private static string Format(string setup, MaxRateOptions options, IReadOnlyList<RateFigures> rows, IReadOnlyList<string> notes, bool outOfProcess)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("## Max rate: engine vs wrk and hey");
        text.AppendLine();
        text.AppendLine(inv, $"- Server: {setup}; `GET /` answers 200 \"ok\", logging off.");
        text.AppendLine(inv, $"- Load: closed model, {options.Connections} connections, HTTP/1.1 keep-alive, {options.Seconds} s measured per client, one after the other against the same server (engine first, after {options.WarmUpSeconds} s of unrecorded warm-up that also warms the server).");
        text.AppendLine(inv, $"- Machine: {Environment.ProcessorCount} logical cores, shared by the server and the client.");
        var inline = Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable) == "1";
        text.AppendLine(inv, $"- Engine's socket completions: {(inline ? "inline on the polling thread" : "queued to the thread pool")} (`{InlineSocketCompletions.Variable}={(inline ? "1" : "0")}`).");
        text.AppendLine();
        text.AppendLine("| client | requests/s | p50 ms | p99 ms | requests | errors | client CPU (cores) | client CPU us/request | server CPU (cores) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(inv, $"| {row.Client} | {row.RequestsPerSecond:N0} | {row.P50Millis:0.000} | {row.P99Millis:0.000} | {row.Requests:N0} | {row.Errors:N0} | {Cores(row.ClientCpuCores)} | {MicrosPerRequest(row)} | {Cores(row.ServerCpuCores)} |");
        }

        text.AppendLine();
        foreach (var peer in rows.Skip(1))
        {
            text.AppendLine(inv, $"Engine / {peer.Client.Split(' ')[0]} throughput: {rows[0].RequestsPerSecond / peer.RequestsPerSecond:0.00}.");
        }

        text.AppendLine();
        foreach (var note in notes)
        {
            text.AppendLine(note);
            text.AppendLine();
        }

        text.AppendLine("How fair is this? Both clients are closed-loop with the same connection count, so each finds the server's");
        text.AppendLine("saturation point with its own overhead on top. Every process shares the same cores: whatever CPU a client");
        text.AppendLine("spends is taken from the server, so the cheaper client (wrk: native, epoll, no per-request allocation) leaves");
        text.AppendLine("the server more CPU and gets a higher rate. The ratio is therefore a measure of client cost, not of the");
        text.AppendLine("server's capacity. " + (outOfProcess
            ? "Here the server runs in its own process, as it does for wrk, so neither client shares a thread pool or GC with it."
            : "Here the server runs inside the engine's process (`--in-process`): the engine also shares its thread pool and GC with the server while the peers do not, which favours them further; CPU per side cannot be separated."));
        text.AppendLine("Latency: the engine's figure is the corrected iteration latency (closed model: intended start = previous end), wrk's and hey's are their own distributions.");
        return text.ToString();
    }

    /// <summary>Client CPU microseconds per completed request: cores x 1e6 / rate.</summary>
    private static string MicrosPerRequest(RateFigures row) => row.ClientCpuCores is { } c && row.RequestsPerSecond > 0
        ? (c * 1e6 / row.RequestsPerSecond).ToString("0.0", CultureInfo.InvariantCulture)
        : "n/a";

    private static string Cores(double? cores) => cores is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
