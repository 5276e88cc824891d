using System.Diagnostics;

namespace Latency.World.Runtime;

/// <summary>Starts and stops the world's long-running processes (detached: a new session, logs in the state directory).</summary>
public static class WorldProcesses
{
    /// <summary>
    /// Starts <c>latency world serve --part PART</c> through <c>setsid</c>, so a Ctrl-C in the terminal that ran
    /// <c>world up</c> does not reach it, with its output in PART.log. Returns the process id.
    /// </summary>
    public static int StartDetached(IReadOnlyList<string> latencyCommand, WorldDirectory directory, string part)
    {
        var info = new ProcessStartInfo("setsid")
        {
            // The state directory, not the caller's folder, which the world may outlive or not be allowed to enter.
            WorkingDirectory = directory.Path,
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        // setsid -w would wait; without it setsid forks when it is a group leader, so exec through sh to keep the pid.
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        var command = string.Join(' ', latencyCommand.Concat(["world", "serve", "--part", part, "--state", directory.Path]).Select(Quote));
        info.ArgumentList.Add($"echo $$ > {Quote(directory.PidFile(part))}; exec {command} >> {Quote(directory.LogFile(part))} 2>&1 < /dev/null");
        using var process = Process.Start(info) ?? throw new IOException("cannot start setsid");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(directory.PidFile(part)) && int.TryParse(File.ReadAllText(directory.PidFile(part)).Trim(), out var pid))
            {
                return pid;
            }

            Thread.Sleep(20);
        }

        throw new IOException($"the world's {part} process did not start (see {directory.LogFile(part)})");
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it is still there after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int pid, TimeSpan grace)
    {
        if (!IsAlive(pid))
        {
            return;
        }

        Signal(pid, "TERM");
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && IsAlive(pid))
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        if (IsAlive(pid))
        {
            Signal(pid, "KILL");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
