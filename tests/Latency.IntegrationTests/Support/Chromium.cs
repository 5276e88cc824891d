namespace Latency.IntegrationTests.Support;

/// <summary>
/// Debian's headless Chromium (package <c>chromium</c>, installed by scripts/install-test-tools.sh; never a browser
/// download), to open reports the way readers do; <see cref="ChromiumPage"/> drives it.
/// </summary>
public static class Chromium
{
    public static string? Missing() =>
        ExternalTool.FindOnPath("chromium") is null ? "chromium is not installed (Debian package chromium)" : null;
}
