using System.Globalization;
using System.Net;
using System.Text;
using Latency.World.Backend;

namespace Latency.Micro.MaxRate;

/// <summary>
/// <c>max-rate</c>: how many requests per second our engine can drive against a trivial Kestrel endpoint (the handset
/// backend's <c>GET /health</c>), next to wrk against the same endpoint in the same run. Prints a Markdown section (pasted as is into bench/results/).
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

        var wrk = WrkClient.Find(options.WrkPath);
        if (options.WrkPath is not null && wrk is null)
        {
            await Console.Error.WriteLineAsync($"max-rate: --wrk {options.WrkPath}: no such file");
            return 2;
        }

        try
        {
            return options.InProcess
                ? await RunInProcessAsync(options, wrk, stop.Token)
                : await RunOutOfProcessAsync(options, wrk, stop.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            await Console.Error.WriteLineAsync($"max-rate: {ex.Message}");
            return 3;
        }
    }

    private static async Task<int> RunOutOfProcessAsync(MaxRateOptions options, string? wrk, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var serverCpu = () => server.CpuTime;
        var setup = $"Kestrel in a separate process (`serve` mode, server GC), {server.BaseUrl}";
        return await CompareAsync(server.BaseUrl, setup, options, wrk, serverCpu, cancellationToken);
    }

    private static async Task<int> RunInProcessAsync(MaxRateOptions options, string? wrk, CancellationToken cancellationToken)
    {
        await using var server = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, cancellationToken);
        var url = ServeCommand.HealthUrl(server);
        var setup = $"Kestrel inside the engine's process (`--in-process`), {url}";
        return await CompareAsync(url, setup, options, wrk, null, cancellationToken);
    }

    private static async Task<int> CompareAsync(Uri url, string setup, MaxRateOptions options, string? wrk,
        Func<TimeSpan>? serverCpu, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"max-rate: engine, {options.Connections} connections, {options.WarmUpSeconds} s warm-up + {options.Seconds} s ...");
        var rows = new List<RateFigures> { await EngineClient.RunAsync(url, options, serverCpu, cancellationToken) };
        string? wrkNote = null;
        var exitCode = 0;
        if (wrk is null)
        {
            wrkNote = "wrk was not found on PATH (Debian package `wrk`; or pass `--wrk PATH`): its row is missing.";
        }
        else
        {
            await Console.Error.WriteLineAsync($"max-rate: wrk {string.Join(' ', WrkClient.Arguments(url, options))} ...");
            var (figures, output) = await WrkClient.RunAsync(wrk, url, options, serverCpu, cancellationToken);
            if (figures is null)
            {
                wrkNote = "wrk produced no `Requests/sec:` line; its output was:\n\n```\n" + output.TrimEnd() + "\n```";
                exitCode = 3;
            }
            else
            {
                rows.Add(figures);
            }
        }

        Console.WriteLine(Format(setup, options, rows, wrkNote, serverCpu is not null));
        return rows.Any(r => r.Requests == 0) ? 3 : exitCode;
    }

    private static string Format(string setup, MaxRateOptions options, IReadOnlyList<RateFigures> rows, string? wrkNote, bool outOfProcess)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("## Max rate: engine vs wrk");
        text.AppendLine();
        text.AppendLine(inv, $"- Server: {setup}; `GET /` answers 200 \"ok\", logging off.");
        text.AppendLine(inv, $"- Load: closed model, {options.Connections} connections, HTTP/1.1 keep-alive, {options.Seconds} s measured per client, one after the other against the same server (engine first, after {options.WarmUpSeconds} s of unrecorded warm-up that also warms the server).");
        text.AppendLine(inv, $"- Machine: {Environment.ProcessorCount} logical cores, shared by the server and the client.");
        var inline = Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable) == "1";
        text.AppendLine(inv, $"- Engine's socket completions: {(inline ? "inline on the polling thread" : "queued to the thread pool")} (`{InlineSocketCompletions.Variable}={(inline ? "1" : "0")}`).");
        text.AppendLine();
        text.AppendLine("| client | requests/s | p50 ms | p99 ms | requests | errors | client CPU (cores) | server CPU (cores) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(inv, $"| {row.Client} | {row.RequestsPerSecond:N0} | {row.P50Millis:0.000} | {row.P99Millis:0.000} | {row.Requests:N0} | {row.Errors:N0} | {Cores(row.ClientCpuCores)} | {Cores(row.ServerCpuCores)} |");
        }

        text.AppendLine();
        if (rows.Count == 2)
        {
            text.AppendLine(inv, $"Engine / wrk throughput: {rows[0].RequestsPerSecond / rows[1].RequestsPerSecond:0.00}.");
            text.AppendLine();
        }

        if (wrkNote is not null)
        {
            text.AppendLine(wrkNote);
            text.AppendLine();
        }

        text.AppendLine("How fair is this? Both clients are closed-loop with the same connection count, so each finds the server's");
        text.AppendLine("saturation point with its own overhead on top. Every process shares the same cores: whatever CPU a client");
        text.AppendLine("spends is taken from the server, so the cheaper client (wrk: native, epoll, no per-request allocation) leaves");
        text.AppendLine("the server more CPU and gets a higher rate. The ratio is therefore a measure of client cost, not of the");
        text.AppendLine("server's capacity. " + (outOfProcess
            ? "Here the server runs in its own process, as it does for wrk, so neither client shares a thread pool or GC with it."
            : "Here the server runs inside the engine's process (`--in-process`): the engine also shares its thread pool and GC with the server while wrk does not, which favours wrk further; CPU per side cannot be separated."));
        text.AppendLine("Latency: the engine's figure is the corrected iteration latency (closed model: intended start = previous end), wrk's is its own `--latency` distribution.");
        return text.ToString();
    }

    private static string Cores(double? cores) => cores is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
