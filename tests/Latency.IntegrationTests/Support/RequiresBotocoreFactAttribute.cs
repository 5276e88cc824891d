namespace Latency.IntegrationTests.Support;

/// <summary>
/// A fact that needs Debian's python3 with python3-botocore (the local CloudWatch endpoint's signer and service
/// model); skipped with the reason only outside CI.
/// </summary>
public sealed class RequiresBotocoreFactAttribute : FactAttribute
{
    public RequiresBotocoreFactAttribute()
    {
        if (!ExternalTool.UnderCi && ExternalTool.MissingBotocore() is { } reason)
        {
            Skip = $"{reason}; run scripts/install-test-tools.sh as root (CI always runs this test)";
        }
    }
}
