using System.Diagnostics;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// Debian's headless Chromium (package <c>chromium</c>, installed by scripts/install-test-tools.sh; never a browser
/// download), to open reports the way readers do.
/// </summary>
public static class Chromium
{
    public static string? Missing() =>
        ExternalTool.FindOnPath("chromium") is null ? "chromium is not installed (Debian package chromium)" : null;

    public sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>
    /// Runs <c>chromium --headless=new --no-sandbox --disable-gpu ARGS URL</c> with a fresh profile, logging to stderr
    /// (page console messages appear there as lines with "CONSOLE").
    /// </summary>
    public static async Task<Outcome> RunAsync(string url, TimeSpan timeout, params string[] args)
    {
        var profile = Path.Combine(Path.GetTempPath(), "latency-chromium-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}" }
                     .Concat(args).Append(url))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(timeout);
            return new Outcome(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
