namespace Latency.IntegrationTests.Support;

/// <summary>A fact that needs Debian's nats-server; skipped with the reason only outside CI (under CI a missing server fails).</summary>
public sealed class RequiresNatsServerFactAttribute : FactAttribute
{
    public RequiresNatsServerFactAttribute()
    {
        if (!ExternalTool.UnderCi && NatsServer.Missing() is { } reason)
        {
            Skip = $"{reason}; run scripts/install-test-tools.sh as root (CI always runs this test)";
        }
    }
}
