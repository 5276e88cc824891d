using CsCheck;
using Latency.Bench.Distributed;

namespace Latency.Tests.Distributed;

public class ArrivalShareTests
{
    [Fact]
    public void Shares_OfOneProbe_PlayEveryArrivalExactlyOnce()
    {
        Gen.Int[1, 7].Select(Gen.Long[0, 1_000_000]).Sample((count, first) =>
        {
            var shares = Enumerable.Range(0, count).Select(i => ArrivalShare.Of(i, count)).ToList();
            for (var arrival = first; arrival < first + 500; arrival++)
            {
                var takers = shares.Count(s => s.Takes(arrival));
                if (takers != 1)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Shares_EachAgentGetsItsFairPart_WithinOneArrival(int count)
    {
        const int arrivals = 1_001;
        var parts = Enumerable.Range(0, count).Select(i => Enumerable.Range(0, arrivals).Count(a => ArrivalShare.Of(i, count).Takes(a))).ToList();

        Assert.Equal(arrivals, parts.Sum());
        Assert.True(parts.Max() - parts.Min() <= 1, string.Join(",", parts));
    }

    [Fact]
    public void And_WithAFilter_KeepsWhatBothKeep()
    {
        Func<long, bool> even = a => a % 2 == 0;
        var share = ArrivalShare.Of(1, 3);

        var combined = share.And(even)!;

        var kept = Enumerable.Range(0, 12).Where(a => combined(a)).ToList();
        Assert.Equal([4, 10], kept);
    }

    [Fact]
    public void And_WholeShare_IsTheFilterItself()
    {
        Func<long, bool> filter = a => a > 3;

        Assert.Same(filter, ArrivalShare.Whole.And(filter));
        Assert.Null(ArrivalShare.Whole.And(null));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 2)]
    [InlineData(2, 2)]
    public void Of_BadIndexOrCount_Throws(int index, int count)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => ArrivalShare.Of(index, count));
    }
}
