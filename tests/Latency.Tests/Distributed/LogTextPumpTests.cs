using System.Collections.Concurrent;
using Latency.Bench.Distributed;
using Microsoft.Extensions.Time.Testing;

namespace Latency.Tests.Distributed;

/// <summary>The pump's numbering, order and retries, with the stream replaced by a function and the clock by a fake one.</summary>
public class LogTextPumpTests
{
    [Fact]
    public async Task MirrorFor_TwoLogsInterleaved_EachNumberedFromZero_PublishedInOrder()
    {
        var sent = new ConcurrentQueue<LogText>();
        await using var pump = new LogTextPump("in-1", (t, _) => { sent.Enqueue(t); return Task.FromResult(true); }, TimeProvider.System);
        var a = pump.MirrorFor("a.hlog");
        var b = pump.MirrorFor("b.hlog");

        a("ha");
        b("hb");
        a("a1");
        a("a2");
        b("b1");

        Assert.True(await pump.DrainAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["a.hlog/0/ha", "b.hlog/0/hb", "a.hlog/1/a1", "a.hlog/2/a2", "b.hlog/1/b1"], sent.Select(t => $"{t.Log}/{t.Sequence}/{t.Text}"));
        Assert.All(sent, t => Assert.Equal("in-1", t.Agent));
        Assert.Equal(5, pump.Published);
        Assert.Equal(0, pump.Pending);
    }

    [Fact]
    public async Task Publish_FailsTwice_SameTextRetriedAfterBackingOff_OrderKept()
    {
        var time = new FakeTimeProvider();
        var attempts = new ConcurrentQueue<string>();
        var failures = 2;
        await using var pump = new LogTextPump("in-1", (t, _) =>
        {
            attempts.Enqueue(t.Text);
            return t.Text == "first" && Interlocked.Decrement(ref failures) >= 0
                ? Task.FromException<bool>(new IOException("no responders"))
                : Task.FromResult(true);
        }, time);
        var mirror = pump.MirrorFor("a.hlog");
        mirror("first");
        mirror("second");

        for (var i = 0; i < 200 && pump.Published < 2; i++)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(["first", "first", "first", "second"], attempts);
        Assert.Equal(2, pump.FailedAttempts);
        Assert.Equal("no responders", pump.LastError);
        Assert.Equal(2, pump.Published);
    }

    [Fact]
    public async Task Publish_StreamHadItAlready_CountedAsRepeatNotPublished()
    {
        await using var pump = new LogTextPump("in-1", (_, _) => Task.FromResult(false), TimeProvider.System);
        pump.MirrorFor("a.hlog")("h");

        Assert.True(await pump.DrainAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, pump.Published);
        Assert.Equal(1, pump.Repeats);
        Assert.Equal(0, pump.Pending);
    }

    [Fact]
    public async Task Drain_PublishNeverSucceeds_FalseWithTheTextStillPending()
    {
        var time = new FakeTimeProvider();
        await using var pump = new LogTextPump("in-1", (_, _) => Task.FromException<bool>(new IOException("down")), time);
        pump.MirrorFor("a.hlog")("h");

        var drain = pump.DrainAsync(TimeSpan.FromSeconds(3));
        for (var i = 0; i < 100 && !drain.IsCompleted; i++)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.False(await drain);
        Assert.Equal(1, pump.Pending);
    }
}
