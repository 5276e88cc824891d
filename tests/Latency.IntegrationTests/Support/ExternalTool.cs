using System.Diagnostics;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// Tools from Debian packages that some tests use as independent checkers (HdrHistogram's Java reader, curl, wrk)
/// or as real servers (python3's http.server).
/// scripts/install-test-tools.sh installs them and .ci/run calls it; on a developer machine without them the test
/// is skipped with the reason and the command that fixes it. Under CI (CI=true) nothing is skipped: a missing tool
/// fails the test, so a checker can never silently stop checking.
/// </summary>
public static class ExternalTool
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>HdrHistogram's Java jar from Debian's libhdrhistogram-java.</summary>
    public const string HdrHistogramJar = "/usr/share/java/hdrhistogram.jar";

    /// <summary>
    /// Debian's own python3, by path: a python3 earlier on PATH (pyenv, a venv) may carry a pip botocore, and the
    /// CloudWatch endpoint must check us with Debian's python3-botocore, independent of what the code under test uses.
    /// </summary>
    public const string DebianPython = "/usr/bin/python3";

    private static readonly Lazy<string?> BotocoreMissing = new(() =>
    {
        if (!File.Exists(DebianPython))
        {
            return $"{DebianPython} is missing (Debian package python3)";
        }

        var info = new ProcessStartInfo(DebianPython) { RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import botocore");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {DebianPython}");
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{DebianPython} cannot import botocore (Debian package python3-botocore)";
    });

    /// <summary>Why Debian's python3 cannot run the CloudWatch endpoint (no botocore), or null when it can; checked once.</summary>
    public static string? MissingBotocore() => BotocoreMissing.Value;

    public static string? MissingJavaHdrHistogram() =>
        FindOnPath("java") is null ? "java is not installed"
        : !File.Exists(HdrHistogramJar) ? $"{HdrHistogramJar} is missing (Debian package libhdrhistogram-java)"
        : null;
}
