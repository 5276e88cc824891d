namespace Latency.IntegrationTests.Support;

/// <summary>The theory form of <see cref="RequiresRootFactAttribute"/>.</summary>
public sealed class RequiresRootTheoryAttribute : TheoryAttribute
{
    public RequiresRootTheoryAttribute()
    {
        if (!ExternalTool.UnderCi && !Latency.World.Network.NamespaceTopology.HasNetAdmin)
        {
            Skip = "needs root (network namespaces and TUN devices); CI runs it as root";
        }
    }
}
