using System.Globalization;
using System.Text;

namespace Latency.Micro.Scale;

/// <summary>The markdown result of <c>study-scale</c>: one row per rate, with the machine and the command that made it.</summary>
public static class StudyScaleReport
{
    /// <summary>The report.</summary>
    /// <param name="result">What was measured.</param>
    public static string Write(StudyScaleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = result.Options;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"## study-scale: {Path.GetFileName(options.Suite)} at {string.Join(", ", options.Scales.Select(s => Number(s, "0.###") + "x"))} its rates, {Number(options.Minutes, "0.##")} min of arrivals each");
        text.AppendLine();
        text.AppendLine("- machine: " + result.Machine);
        text.AppendLine("- command: `" + result.CommandLine + "`");
        text.AppendLine("- harness: " + result.Harness);
        text.AppendLine("- 1x is the suite's own `sessions_per_minute` per workload; `precision` and every `max_sessions_per_minute` are removed, so " +
                        "no adaptive sampling: each workload arrives at its scaled rate from start to end. Offered = the workloads' rates added up x " +
                        "the deployments of every compared probe (each arrival is a session on each of its probe's deployments).");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- CPU (cores = CPU seconds a wall second, utime+stime from /proc/PID/stat) and the machine's busy share (/proc/stat, between two readings) " +
            $"are read every {options.SampleSeconds} s and taken over the window from run.json's start (the world is up) to that plus the " +
            $"arrivals' {Number(options.Minutes, "0.##")} min: the world's set-up before it and the drain and report after it are outside. " +
            $"µs/session is the harness's CPU in the window over the sessions whose interval ended in it. Peak memory (VmRSS) is over the whole run. " +
            $"Emulator = the world's `world serve --part network` process; backends = every other process under the harness.");
        if (result.Interrupted)
        {
            text.AppendLine("- **interrupted** (Ctrl-C): the last row is partial and later scales did not run");
        }

        text.AppendLine();
        text.AppendLine("| scale | offered sessions/min | completed | failed | late starts | dropped | window min | harness cores | harness µs/session | " +
                        "emulator cores | backends cores | peak RSS harness MiB | peak RSS world MiB | machine busy p50 | p95 | emulator lateness p99 ms | harness verdict | status |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var step in result.Steps)
        {
            var row = step.Row;
            var sessions = row.Sessions;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Number(row.Scale, "0.###")}x | {Number(row.OfferedPerMinute, "0.#")} | {sessions.Completed:N0} | {sessions.Failed:N0} | {Count(sessions.Late)} | " +
                $"{Count(sessions.Dropped)} | {Number(row.WindowMinutes, "0.0")} | {Number(row.HarnessCores, "0.00")} | {Number(row.HarnessUsPerSession, "N0")} | " +
                $"{Number(row.EmulatorCores, "0.00")} | {Number(row.BackendCores, "0.00")} | {Number(row.HarnessPeakMb, "N0")} | {Number(row.WorldPeakMb, "N0")} | " +
                $"{Percent(row.MachineBusyP50)} | {Percent(row.MachineBusyP95)} | {Number(row.LatenessP99Ms ?? double.NaN, "0.0")} | {row.Verdict ?? "-"} | {row.Status} |");
        }

        text.AppendLine();
        text.AppendLine("Late starts and dropped are iterations (one arrival, every deployment of its probe) from run.json; completed and failed are " +
                        "sessions per deployment from the interval logs.");
        foreach (var step in result.Steps)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {Number(step.Row.Scale, "0.###")}x: {string.Join("; ", step.Suite.Rates)}; window {step.From:HH:mm:ss}-{step.To:HH:mm:ss} UTC " +
                $"({step.Readings} readings); load average at its start {step.LoadAtStart}; harness exit {step.ExitCode}");
            if (step.ExitCode != 0)
            {
                var lastLines = step.HarnessOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(10);
                text.AppendLine().AppendLine("  ```").AppendLine(string.Join('\n', lastLines.Select(l => "  " + l))).AppendLine("  ```");
            }
        }

        text.AppendLine();
        text.AppendLine("### Reading");
        text.AppendLine();
        text.AppendLine("(left to the human: where the harness's cores, the machine's busy share, failed or late sessions or the emulator's lateness " +
                        "say a 2-core machine stops keeping up)");
        return text.ToString();
    }

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Percent(double share) => double.IsFinite(share) ? share.ToString("0%", CultureInfo.InvariantCulture) : "-";

    private static string Count(long? count) => count is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "-";
}
