using Latency.Micro.MaxRate;

namespace Latency.Tests.Scale;

public sealed class CpuTimeTests
{
    [Fact]
    public void Parse_ProcPidStat_OwnIsUtimePlusStimeAndChildrenCutimePlusCstimeInHundredthsOfASecond()
    {
        // A command name with a space and a parenthesis: the fields are counted from the last ')'.
        const string stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194304 1000 0 0 0 250 130 7 3 20 0 30 0 12345 1000000 5000 18446744073709551615";

        var times = CpuTime.Parse(stat);

        Assert.Equal(TimeSpan.FromSeconds(3.8), times!.Value.Own);
        Assert.Equal(TimeSpan.FromSeconds(0.1), times.Value.WaitedChildren);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 (dotnet) S 1 2 3")]
    [InlineData("4242 (dotnet) S 1 4242 4242 0 -1 4194304 1000 0 0 0 x 130 7 3 20")]
    public void Parse_NotAProcPidStat_IsNull(string stat)
    {
        Assert.Null(CpuTime.Parse(stat));
    }
}
