namespace Latency.IntegrationTests.Support;

/// <summary>
/// A fact that needs both root (the emulated world's namespaces) and nats-server (distributed runs over it). Outside
/// CI it is skipped with the missing part named; under CI it is never skipped, so a lost prerequisite fails loudly.
/// </summary>
public sealed class RequiresRootAndNatsServerFactAttribute : FactAttribute
{
    public RequiresRootAndNatsServerFactAttribute()
    {
        if (ExternalTool.UnderCi)
        {
            return;
        }

        if (!Latency.World.Network.NamespaceTopology.HasNetAdmin)
        {
            Skip = "needs root (network namespaces and TUN devices); CI runs it as root";
        }
        else if (NatsServer.Missing() is { } reason)
        {
            Skip = $"{reason}; run scripts/install-test-tools.sh as root (CI always runs this test)";
        }
    }
}
