namespace Latency.IntegrationTests.Support;

/// <summary>A fact that needs HdrHistogram's Java reader; skipped with the reason only outside CI.</summary>
public sealed class RequiresJavaHdrHistogramFactAttribute : FactAttribute
{
    public RequiresJavaHdrHistogramFactAttribute()
    {
        if (!ExternalTool.UnderCi && ExternalTool.MissingJavaHdrHistogram() is { } reason)
        {
            Skip = $"{reason}; run scripts/install-test-tools.sh (CI always runs this test)";
        }
    }
}
