using System.Diagnostics;
using Latency.World.Native;

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
        // Both by absolute path: as root, a "setsid" or "sh" found through PATH could be anyone's program.
        var info = new ProcessStartInfo(SystemTools.Resolve("setsid", "util-linux"))
        {
            // The state directory, not the caller's folder, which the world may outlive or not be allowed to enter.
            WorkingDirectory = directory.Path,
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        // setsid -w would wait; without it setsid forks when it is a group leader, so exec through sh to keep the pid.
        info.ArgumentList.Add(SystemTools.Resolve("sh", "dash or bash"));
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

    /// <summary>
    /// Whether <paramref name="pid"/> is one of the world's processes for <paramref name="directory"/>: its command
    /// line is <c>... world serve --part PART --state DIRECTORY</c> (or the <c>sh -c</c> that is about to exec it).
    /// A pid file only says which number a process had; after a reboot or a crash the number may be anyone's.
    /// </summary>
    /// <param name="pid">The process id a pid or state file names.</param>
    /// <param name="directory">The world's state folder.</param>
    public static bool IsOurs(int pid, WorldDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}/cmdline");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return IsWorldCommandLine(commandLine.Split('\0', StringSplitOptions.RemoveEmptyEntries), directory.Path);
    }

    /// <summary>Whether <paramref name="arguments"/> (a process's argv) serve the world whose state is in <paramref name="stateDirectory"/>.</summary>
    /// <param name="arguments">The process's arguments, program first.</param>
    /// <param name="stateDirectory">The world's state folder, as <c>world up</c> passed it.</param>
    public static bool IsWorldCommandLine(IReadOnlyList<string> arguments, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var serves = false;
        var state = false;
        for (var i = 1; i < arguments.Count; i++)
        {
            serves |= arguments[i] == "serve" && arguments[i - 1] == "world";
            state |= arguments[i - 1] == "--state" && arguments[i] == stateDirectory;
        }

        if (serves && state)
        {
            return true;
        }

        // Between the pid file's echo and the exec, the process is still the shell StartDetached runs.
        return arguments.Count >= 3 && arguments[^2] == "-c"
               && arguments[^1].Contains($"{Quote("world")} {Quote("serve")} ", StringComparison.Ordinal)
               && arguments[^1].Contains($" {Quote("--state")} {Quote(stateDirectory)}", StringComparison.Ordinal);
    }

    /// <summary>SIGTERM, then SIGKILL if it is still there after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int pid, TimeSpan grace)
    {
        if (!IsAlive(pid))
        {
            return;
        }

        Signal(pid, Libc.SIGTERM);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && IsAlive(pid))
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        if (IsAlive(pid))
        {
            Signal(pid, Libc.SIGKILL);
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    // kill(2) itself rather than the kill tool: nothing to look up in PATH.
    private static void Signal(int pid, int signal) => _ = Libc.Kill(pid, signal);

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
