namespace Latency.IntegrationTests.Support;

/// <summary>A fact that needs Debian's headless Chromium; skipped with the reason only outside CI.</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public RequiresChromiumFactAttribute()
    {
        if (!ExternalTool.UnderCi && Chromium.Missing() is { } reason)
        {
            Skip = $"{reason}; run scripts/install-test-tools.sh as root (CI always runs this test)";
        }
    }
}
