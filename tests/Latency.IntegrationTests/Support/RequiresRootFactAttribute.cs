namespace Latency.IntegrationTests.Support;

/// <summary>
/// A fact that needs CAP_NET_ADMIN (network namespaces, TUN devices). Outside CI, without root, it is skipped
/// with that reason; under CI (which runs as root) it is never skipped, so a lost capability fails loudly.
/// </summary>
public sealed class RequiresRootFactAttribute : FactAttribute
{
    public RequiresRootFactAttribute()
    {
        if (!ExternalTool.UnderCi && !Latency.World.Network.NamespaceTopology.HasNetAdmin)
        {
            Skip = "needs root (network namespaces and TUN devices); CI runs it as root";
        }
    }
}
