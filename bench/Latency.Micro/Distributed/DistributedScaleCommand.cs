using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Latency.Micro.MaxRate;
using Latency.Micro.Soak;
using Latency.World.Backend;

namespace Latency.Micro.Distributed;

/// <summary>
/// <c>distributed-scale</c>: what a distributed run costs its coordinator, so the figure for 200 agents can be
/// estimated from 20 on one machine (issue 18). A nats-server with JetStream, one handset backend standing in for the
/// deployments, N agents (processes of the harness, one per probe p01...pN) and the coordinator (<c>latency run
/// --nats</c>, its own process) running a study of one short workload; the coordinator's CPU and resident memory are
/// read from /proc every half second and at each phase line it prints (waiting, preparing, running, collecting), and
/// the interval lines it collected are counted from the run directory it wrote.
/// </summary>
public static class DistributedScaleCommand
{
    /// <summary>Runs once; 0 when it ran (the figures are the result), 2 for bad arguments or a missing nats-server, 3 when the run failed.</summary>
    /// <param name="args">The command's arguments.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var (parsed, errors) = DistributedScaleOptions.Parse(args);
        var natsServer = ToolPath.Find("nats-server", null) ?? (File.Exists("/usr/sbin/nats-server") ? "/usr/sbin/nats-server" : null);
        if (parsed is not { } options || natsServer is null)
        {
            foreach (var error in errors.Append(natsServer is null ? "nats-server is not installed (scripts/install-test-tools.sh installs it)" : null).OfType<string>())
            {
                await Console.Error.WriteLineAsync("distributed-scale: " + error);
            }

            await Console.Error.WriteLineAsync(DistributedScaleOptions.Usage);
            return 2;
        }

        var temp = Directory.CreateTempSubdirectory("latency-distributed-scale-");
        var processes = new List<Process>();
        try
        {
            await using var origin = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
            await using var near = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
            var suite = WriteSuite(temp.FullName, options, origin.BaseUrl, near.BaseUrl);
            var port = FreePort();
            var url = $"nats://127.0.0.1:{port}";
            processes.Add(Start(natsServer, ["-js", "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-sd", Path.Combine(temp.FullName, "nats")]));
            // An agent that finds no server at its start exits (3): start them once the server listens.
            await WaitForPortAsync(port, TimeSpan.FromSeconds(20));
            for (var i = 1; i <= options.Agents; i++)
            {
                var probe = Probe(i);
                processes.Add(Start("dotnet", [StudyHarness.DefaultHarness, "agent", "--nats", url, "--probe", probe, "--name", "agent-" + probe,
                    "--runs", Path.Combine(temp.FullName, "agent-runs")]));
            }

            await Console.Error.WriteLineAsync($"distributed-scale: {options.Agents} agents started; the coordinator waits for them");
            await Task.Delay(TimeSpan.FromSeconds(3));
            if (processes.Skip(1).Count(p => p.HasExited) is > 0 and var exited)
            {
                await Console.Error.WriteLineAsync($"distributed-scale: {exited} agent(s) exited at start; not measured");
                return 3;
            }

            var outDirectory = Path.Combine(temp.FullName, "run");
            var result = await CoordinateAsync(suite, url, outDirectory, options);
            var report = Report(options, result);
            if (options.Output is { } file)
            {
                await File.WriteAllTextAsync(file, report);
            }

            await Console.Out.WriteAsync(report);
            return result.ExitCode is 0 or 1 ? 0 : 3;
        }
        finally
        {
            foreach (var process in processes.AsEnumerable().Reverse().Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            temp.Delete(recursive: true);
        }
    }

    private static string Probe(int index) => "p" + index.ToString("00", CultureInfo.InvariantCulture);

    private static string WriteSuite(string directory, DistributedScaleOptions options, Uri origin, Uri near)
    {
        File.WriteAllText(Path.Combine(directory, "ping.yaml"), """
            version: 1
            name: ping
            description: "one request of 100 bytes"
            http: "1.1"
            steps:
              - request: { name: ping, response_bytes: 100, server_ms: 2 }
            """);
        var suite = new StringBuilder();
        suite.AppendLine(CultureInfo.InvariantCulture, $"""
            version: 1
            name: distributed-scale
            study:
              world: none
              duration: {options.Minutes * 60:0.###}s
              compare:
            """);
        for (var i = 1; i <= options.Agents; i++)
        {
            suite.AppendLine(CultureInfo.InvariantCulture, $"    - {{ probe: {Probe(i)}, deployments: [origin, near] }}");
        }

        suite.AppendLine(CultureInfo.InvariantCulture, $$"""
              endpoints:
                origin: {{origin}}
                near: {{near}}
              workloads:
                - { file: ping.yaml, sessions_per_minute: {{options.SessionsPerMinute:0.###}} }
            """);
        var path = Path.Combine(directory, "suite.yaml");
        File.WriteAllText(path, suite.ToString());
        return path;
    }

    private static async Task<DistributedScaleResult> CoordinateAsync(string suite, string url, string outDirectory, DistributedScaleOptions options)
    {
        using var coordinator = Start("dotnet", [StudyHarness.DefaultHarness, "run", suite, "--nats", url, "--wait-agents", "300s", "--out", outDirectory, "--no-progress"],
            capture: true);
        var pid = coordinator.Id;
        var clock = Stopwatch.StartNew();
        var phases = new List<(string Phase, TimeSpan At, TimeSpan Cpu)>();
        var gate = new object();
        void Mark(string phase)
        {
            lock (gate)
            {
                phases.Add((phase, clock.Elapsed, CpuTime.Of(pid)?.Own ?? TimeSpan.Zero));
            }
        }

        Mark("started");
        coordinator.OutputDataReceived += (_, e) =>
        {
            var line = e.Data ?? "";
            if (line.Contains("ordering", StringComparison.Ordinal))
            {
                Mark("agents heard, ordering");
            }
            else if (line.Contains(" start at ", StringComparison.Ordinal))
            {
                Mark("agents started");
            }
            else if (line.Contains("collecting the stream", StringComparison.Ordinal))
            {
                Mark("collecting (stream read, logs written, run.json merged)");
            }
            else if (line.Contains("writing the report", StringComparison.Ordinal))
            {
                Mark("writing the report");
            }
        };
        coordinator.ErrorDataReceived += (_, e) => Console.Error.WriteLine("  coordinator: " + e.Data);
        coordinator.BeginOutputReadLine();
        coordinator.BeginErrorReadLine();
        double peakMb = 0;
        var lastCpu = TimeSpan.Zero;
        while (!coordinator.HasExited)
        {
            var rss = ProcessMemory.ResidentMb(pid);
            if (!double.IsNaN(rss))
            {
                peakMb = Math.Max(peakMb, rss);
            }

            lastCpu = CpuTime.Of(pid)?.Own ?? lastCpu;
            await Task.WhenAny(coordinator.WaitForExitAsync(), Task.Delay(500));
        }

        await coordinator.WaitForExitAsync();
        phases.Add(("ended", clock.Elapsed, lastCpu));
        var lines = Directory.Exists(outDirectory)
            ? Directory.GetFiles(outDirectory, "*.hlog").Sum(f => File.ReadLines(f).LongCount(l => l.StartsWith("Tag=", StringComparison.Ordinal)))
            : 0;
        return new DistributedScaleResult(coordinator.ExitCode, phases, peakMb, lines,
            Directory.Exists(outDirectory) ? Directory.GetFiles(outDirectory, "*.hlog").Length : 0, options.Agents);
    }

    private static string Report(DistributedScaleOptions options, DistributedScaleResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"## distributed-scale: {options.Agents} agents, {options.Minutes:0.##} min at {options.SessionsPerMinute:0.#} sessions/min each");
        text.AppendLine();
        text.AppendLine(inv, $"Machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, load {StudyHarness.LoadAverage()}; coordinator exit {result.ExitCode}; " +
                             $"{result.Logs} logs, {result.IntervalLines:N0} interval lines collected.");
        text.AppendLine();
        text.AppendLine("| phase | from (s) | to (s) | coordinator CPU (s) |");
        text.AppendLine("|---|---:|---:|---:|");
        for (var i = 0; i + 1 < result.Phases.Count; i++)
        {
            var (phase, at, cpu) = result.Phases[i];
            var next = result.Phases[i + 1];
            text.AppendLine(inv, $"| {phase} | {at.TotalSeconds:0.0} | {next.At.TotalSeconds:0.0} | {(next.Cpu - cpu).TotalSeconds:0.00} |");
        }

        var total = result.Phases[^1].Cpu;
        text.AppendLine();
        var collect = result.Phases.FirstOrDefault(p => p.Phase.StartsWith("collecting", StringComparison.Ordinal));
        var report = result.Phases.FirstOrDefault(p => p.Phase == "writing the report");
        var collectCpu = collect.Phase is null || report.Phase is null ? double.NaN : (report.Cpu - collect.Cpu).TotalMicroseconds;
        text.AppendLine(inv, $"Coordinator: {total.TotalSeconds:0.00} s of CPU in all, peak resident {result.PeakResidentMb:0} MiB; " +
                             $"{(result.IntervalLines == 0 ? "no interval line" : $"{total.TotalMicroseconds / result.IntervalLines:0} us of CPU per interval line in all, {collectCpu / result.IntervalLines:0} us to collect one (read, write, merge; the report apart)")}; " +
                             $"while the agents ran {result.RunningCpuPerAgentSecond * 1000:0.00} ms of CPU per agent-second (heartbeats, clock, watching).");
        text.AppendLine();
        return text.ToString();
    }

    private static Process Start(string program, IReadOnlyList<string> arguments, bool capture = false)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        if (!capture)
        {
            // Read and dropped: a full pipe would block it.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    private static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
