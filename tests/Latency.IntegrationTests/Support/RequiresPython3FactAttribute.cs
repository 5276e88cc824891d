namespace Latency.IntegrationTests.Support;

/// <summary>A fact that needs python3 (a real <c>http.server</c> to measure against); skipped with the reason only outside CI.</summary>
public sealed class RequiresPython3FactAttribute : FactAttribute
{
    public RequiresPython3FactAttribute()
    {
        if (!ExternalTool.UnderCi && TwoWriteHttpServer.Missing() is { } reason)
        {
            Skip = $"{reason}; run scripts/install-test-tools.sh as root (CI always runs this test)";
        }
    }
}
