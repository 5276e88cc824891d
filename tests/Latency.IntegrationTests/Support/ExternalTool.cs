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

    public static string? MissingJavaHdrHistogram() =>
        FindOnPath("java") is null ? "java is not installed"
        : !File.Exists(HdrHistogramJar) ? $"{HdrHistogramJar} is missing (Debian package libhdrhistogram-java)"
        : null;
}
