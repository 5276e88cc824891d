using System.Net;
using Latency.Bench.Study;
using Latency.World.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Latency.Tests.Study;

public sealed class HandsetPoolTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(11);
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Rent_NothingUsedYet_TakesTheFirstHandset()
    {
        var pool = Pool(3);

        Assert.Equal(IPAddress.Parse("198.19.0.1"), pool.Rent(TimeSpan.Zero));
        Assert.Equal(IPAddress.Parse("198.19.0.2"), pool.Rent(TimeSpan.Zero));
        Assert.Equal(0, pool.Shortfalls);
    }

    [Fact]
    public void Rent_NoQuietTime_TakesTheMostRecentlyReleased()
    {
        var pool = Pool(3);
        var (a, b) = (pool.Rent(TimeSpan.Zero)!, pool.Rent(TimeSpan.Zero)!);
        pool.Return(a);
        time.Advance(TimeSpan.FromSeconds(1));
        pool.Return(b);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(b, pool.Rent(TimeSpan.Zero));
    }

    [Fact]
    public void Rent_BestFit_TakesTheShortestQuietThatIsLongEnough()
    {
        var pool = Pool(4);
        var handsets = Enumerable.Range(0, 3).Select(_ => pool.Rent(TimeSpan.Zero)!).ToList();
        // Quiet for 6 s, 4 s and 2 s when the rent comes.
        foreach (var handset in handsets)
        {
            pool.Return(handset);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(handsets[1], pool.Rent(TimeSpan.FromSeconds(3)));
        Assert.Equal(handsets[0], pool.Rent(TimeSpan.FromSeconds(3)));
        // Only the never-used handset is quiet long enough now.
        Assert.Equal(IPAddress.Parse("198.19.0.4"), pool.Rent(TimeSpan.FromSeconds(3)));
        Assert.Equal(0, pool.Shortfalls);
    }

    [Fact]
    public void Rent_Preferred_BeatsABetterFitButNeverOneNotQuietEnough()
    {
        var pool = Pool(4);
        var handsets = Enumerable.Range(0, 3).Select(_ => pool.Rent(TimeSpan.Zero)!).ToList();
        // Quiet for 6 s, 4 s and 2 s when the rents come; the first and the last are preferred (their warm connection is open).
        foreach (var handset in handsets)
        {
            pool.Return(handset);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        var preferred = new HashSet<IPAddress> { handsets[0], handsets[2] };

        Assert.Equal(handsets[0], pool.Rent(TimeSpan.FromSeconds(3), preferred.Contains)); // not the best fit (4 s), the preferred
        Assert.Equal(handsets[1], pool.Rent(TimeSpan.FromSeconds(3), preferred.Contains)); // handsets[2] is quiet too briefly
        Assert.Equal(0, pool.Shortfalls);
    }

    [Fact]
    public void Rent_RequirementBeyondTheHorizon_IsCappedToIt()
    {
        var pool = Pool(2);
        var used = pool.Rent(TimeSpan.Zero)!;
        pool.Return(used);
        time.Advance(Horizon);

        // 5 minutes asked, but quiet for the horizon is as idle as a radio gets: the used handset fits, and the
        // never-used one stays for later.
        Assert.Equal(used, pool.Rent(TimeSpan.FromMinutes(5)));
        Assert.Equal(0, pool.Shortfalls);
    }

    [Fact]
    public void Rent_NoneQuietLongEnough_TakesTheQuietestFreeAndCountsTheShortfall()
    {
        var pool = Pool(2);
        var (a, b) = (pool.Rent(TimeSpan.Zero)!, pool.Rent(TimeSpan.Zero)!);
        pool.Return(a);
        time.Advance(TimeSpan.FromSeconds(3));
        pool.Return(b);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(a, pool.Rent(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, pool.Shortfalls);
        Assert.Equal(3, pool.Rents);
    }

    [Fact]
    public void Rent_AllInUse_ReturnsNullAndCountsTheShortfall()
    {
        var pool = Pool(1);
        var only = pool.Rent(TimeSpan.Zero)!;

        Assert.Null(pool.Rent(TimeSpan.Zero));
        Assert.Equal(1, pool.Shortfalls);
        pool.Return(only);
        Assert.Equal(only, pool.Rent(TimeSpan.Zero));
    }

    [Fact]
    public void NoteShortfall_CountsWithThePoolsOwn()
    {
        var pool = Pool(1);
        pool.Rent(TimeSpan.Zero);
        pool.Rent(TimeSpan.Zero);

        pool.NoteShortfall();

        Assert.Equal(2, pool.Shortfalls);
    }

    [Fact]
    public void Return_NotRented_Throws()
    {
        var pool = Pool(2);

        Assert.Throws<InvalidOperationException>(() => pool.Return(IPAddress.Parse("198.19.0.1")));
        Assert.Throws<InvalidOperationException>(() => pool.Return(IPAddress.Parse("198.19.0.3")));
        Assert.Throws<InvalidOperationException>(() => pool.Return(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void For_NoHandsetsOrNoRadio_IsNull()
    {
        Assert.Null(HandsetPool.For(null, Horizon, time));
        Assert.Null(HandsetPool.For(new HandsetState("198.19.0.1", 10, Radio: false), Horizon, time));
        Assert.Equal(10, HandsetPool.For(new HandsetState("198.19.0.1", 10, Radio: true), Horizon, time)!.Count);
    }

    [Fact]
    public async Task RentAndReturn_Concurrently_NeverHandOneHandsetToTwoSessions()
    {
        var pool = Pool(8);
        var holders = new int[8];
        var doubled = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var handset = pool.Rent(TimeSpan.FromTicks(worker));
                // Eight workers, eight handsets, each worker holding one at most: one is always free.
                Assert.NotNull(handset);
                var index = handset.GetAddressBytes()[3] - 1;
                if (Interlocked.Increment(ref holders[index]) != 1) Interlocked.Increment(ref doubled);
                Interlocked.Decrement(ref holders[index]);
                pool.Return(handset);
            }
        })));

        Assert.Equal(0, doubled);
        Assert.Equal(16_000, pool.Rents);
        // Every handset came back.
        Assert.Equal(8, Enumerable.Range(0, 8).Count(_ => pool.Rent(TimeSpan.Zero) is not null));
    }

    private HandsetPool Pool(int count) => new(IPAddress.Parse("198.19.0.1"), count, Horizon, time);
}
