using System.Diagnostics;
using Latency.Bench.Cli;

namespace Latency.IntegrationTests.Support;

/// <summary>Runs the <c>latency</c> command line, in process (fast) or as a real child process (signals).</summary>
public static class CliRun
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> InProcessAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await LatencyCli.InvokeAsync(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>dotnet latency.dll ARGS</c> as a child process to the end, with extra environment variables.</summary>
    public static Task<Outcome> ChildAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args) =>
        ChildAsync(environment, timeout, null, args);

    /// <summary>As above, run through <c>setpriv SETPRIV_ARGS</c> (e.g. as an unprivileged user) when given.</summary>
    public static async Task<Outcome> ChildAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string[]? setpriv,
        params string[] args)
    {
        using var process = Start(environment, setpriv, AppContext.BaseDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>dotnet latency.dll ARGS</c> from the test's output folder, output captured.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), null, AppContext.BaseDirectory, args);

    /// <summary>Starts <c>dotnet DIRECTORY/latency.dll ARGS</c>, through <c>setpriv</c> when given.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, string[]? setpriv, string directory, params string[] args)
    {
        var dll = Path.Combine(directory, "latency.dll");
        // Through `env --default-signal=INT`: a test host started in the background (a CI script run with `&`) inherits
        // SIGINT ignored, the child would inherit that too, and .NET leaves an ignored SIGINT ignored, so a Ctrl-C test
        // saw a run that never stopped. A terminal's Ctrl-C reaches a program with the default disposition.
        var info = new ProcessStartInfo("env")
        {
            // The program's own folder: another user may not be able to enter the test host's working directory.
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT");
        if (setpriv is not null)
        {
            info.ArgumentList.Add("setpriv");
            foreach (var arg in setpriv)
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>
    /// Copies the program (this test's output folder) to <paramref name="target"/>, readable by everyone: an
    /// unprivileged user cannot reach the build folder of a clone made in a private directory.
    /// </summary>
    public static string CopyProgramTo(string target)
    {
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    /// <summary>Sends a POSIX signal the way a terminal (Ctrl-C = SIGINT) or an orchestrator (SIGTERM, SIGKILL) would.</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling, or fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(100);
        }
    }
}
