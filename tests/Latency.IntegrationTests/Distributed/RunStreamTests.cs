using HdrHistogram;
using Latency.Bench.Distributed;
using Latency.IntegrationTests.Support;
using Latency.RunDirectory;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Latency.IntegrationTests.Distributed;

/// <summary>
/// Interval logs through a run's JetStream stream on a real nats-server: the coordinator's copy is the agents' files
/// byte for byte, a text published twice is kept once, and a server restart loses nothing (file storage).
/// </summary>
public class RunStreamTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [RequiresNatsServerFact]
    public async Task TwoAgentsLogs_ThroughTheStream_RebuiltByteForByte()
    {
        await using var server = await NatsServer.StartAsync();
        using var directory = new TempDirectory();
        await using var nats = new NatsConnection(new NatsOpts { Url = server.Url });
        var js = new NatsJSContext(nats);
        await RunStream.CreateAsync(js, "run-1", CancellationToken.None);

        var mumbai = await WriteAndPublishAsync(js, "run-1", "in-1", Path.Combine(directory.Path, "agents"), "mumbai.login.hlog", 5);
        var jakarta = await WriteAndPublishAsync(js, "run-1", "id-1", Path.Combine(directory.Path, "agents"), "jakarta.login.hlog", 7);

        var collected = await CollectAsync(js, "run-1", Path.Combine(directory.Path, "collected"));

        Assert.Equal(2, collected.Count);
        Assert.Equal(await File.ReadAllBytesAsync(mumbai), await File.ReadAllBytesAsync(collected.Single(f => f.EndsWith("mumbai.login.hlog", StringComparison.Ordinal))));
        Assert.Equal(await File.ReadAllBytesAsync(jakarta), await File.ReadAllBytesAsync(collected.Single(f => f.EndsWith("jakarta.login.hlog", StringComparison.Ordinal))));
        var log = await IntervalLogReader.ReadAsync(collected.Single(f => f.EndsWith("jakarta.login.hlog", StringComparison.Ordinal)));
        Assert.Empty(log.Problems);
        Assert.Equal(7 * 10, log.Histograms.Sum(h => h.TotalCount));
        // On disk, acknowledged, kept a week (a nightly's streams must not fill the server for ever).
        var stream = await js.GetStreamAsync(RunStream.StreamName("run-1"));
        Assert.Equal(StreamConfigStorage.File, stream.Info.Config.Storage);
        Assert.Equal(TimeSpan.FromDays(7), stream.Info.Config.MaxAge);
    }

    [RequiresNatsServerFact]
    public async Task TextPublishedTwice_StreamKeepsOne_CountsNotDoubled()
    {
        await using var server = await NatsServer.StartAsync();
        using var directory = new TempDirectory();
        await using var nats = new NatsConnection(new NatsOpts { Url = server.Url });
        var js = new NatsJSContext(nats);
        await RunStream.CreateAsync(js, "run-2", CancellationToken.None);
        var texts = new List<string>();
        var original = WriteLog(Path.Combine(directory.Path, "agent"), "manila.login.hlog", 3, texts.Add);
        var publisher = new LogTextPublisher(js, "run-2", "ph-1");

        var first = new List<bool>();
        var again = new List<bool>();
        for (var i = 0; i < texts.Count; i++)
        {
            first.Add(await publisher.PublishAsync("manila.login.hlog", i, texts[i], CancellationToken.None));
        }

        // An agent that reconnected and is not sure what went out publishes everything again.
        for (var i = 0; i < texts.Count; i++)
        {
            again.Add(await publisher.PublishAsync("manila.login.hlog", i, texts[i], CancellationToken.None));
        }

        var stream = await js.GetStreamAsync(RunStream.StreamName("run-2"));
        Assert.All(first, Assert.True);
        Assert.All(again, Assert.False);
        Assert.Equal(texts.Count, (int)stream.Info.State.Messages);
        var collected = await CollectAsync(js, "run-2", Path.Combine(directory.Path, "collected"));
        Assert.Equal(await File.ReadAllBytesAsync(original), await File.ReadAllBytesAsync(Assert.Single(collected)));
    }

    [RequiresNatsServerFact]
    public async Task ServerRestartedAfterPublishing_NothingLost()
    {
        await using var server = await NatsServer.StartAsync();
        using var directory = new TempDirectory();
        string original;
        await using (var nats = new NatsConnection(new NatsOpts { Url = server.Url }))
        {
            var js = new NatsJSContext(nats);
            await RunStream.CreateAsync(js, "run-3", CancellationToken.None);
            original = await WriteAndPublishAsync(js, "run-3", "tw-1", Path.Combine(directory.Path, "agent"), "taipei.login.hlog", 4);
        }

        await server.StopAsync();
        await server.RestartAsync();

        await using var after = new NatsConnection(new NatsOpts { Url = server.Url });
        var collected = await CollectAsync(new NatsJSContext(after), "run-3", Path.Combine(directory.Path, "collected"));
        Assert.Equal(await File.ReadAllBytesAsync(original), await File.ReadAllBytesAsync(Assert.Single(collected)));
    }

    [RequiresNatsServerFact]
    public async Task Pump_ServerDownMidRun_TextsWaitAndGoOutAfterItsBack()
    {
        await using var server = await NatsServer.StartAsync();
        using var directory = new TempDirectory();
        await using var nats = new NatsConnection(new NatsOpts { Url = server.Url, MaxReconnectRetry = -1 });
        var js = new NatsJSContext(nats);
        await RunStream.CreateAsync(js, "run-4", CancellationToken.None);
        var publisher = new LogTextPublisher(js, "run-4", "my-1");
        await using var pump = new LogTextPump("my-1", (t, ct) => publisher.PublishAsync(t.Log, t.Sequence, t.Text, ct), TimeProvider.System);
        var path = Path.Combine(directory.Path, "agent", "kuala-lumpur.login.hlog");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        using (var writer = IntervalLogWriter.Create(path, Start, ["Suite: distributed test"], pump.MirrorFor("kuala-lumpur.login.hlog")))
        {
            for (var i = 0; i < 6; i++)
            {
                if (i == 3)
                {
                    // The server goes away for a while, as it would mid-run; the agent keeps writing its file.
                    await server.StopAsync();
                }

                writer.Append(Interval("kuala-lumpur.login", i));
            }
        }

        Assert.True(pump.Pending > 0, "every text went out although the server was down");
        await server.RestartAsync();
        Assert.True(await pump.DrainAsync(TimeSpan.FromSeconds(60)), $"{pump.Pending} text(s) still pending; last error: {pump.LastError}");

        var collected = await CollectAsync(js, "run-4", Path.Combine(directory.Path, "collected"));
        // Whether the client held the texts until it reconnected or the pump retried them, each is in the stream once.
        Assert.Equal(await File.ReadAllBytesAsync(path), await File.ReadAllBytesAsync(Assert.Single(collected)));
    }

    private static async Task<string> WriteAndPublishAsync(INatsJSContext js, string run, string agent, string directory, string log, int intervals)
    {
        var texts = new List<string>();
        var path = WriteLog(directory, log, intervals, texts.Add);
        var publisher = new LogTextPublisher(js, run, agent);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.True(await publisher.PublishAsync(log, i, texts[i], CancellationToken.None));
        }

        return path;
    }

    private static async Task<IReadOnlyList<string>> CollectAsync(INatsJSContext js, string run, string directory)
    {
        var problems = new List<string>();
        var texts = await LogTextReader.ReadAllAsync(js, run, CancellationToken.None);
        var written = await LogTextReader.WriteLogsAsync(texts, directory, problems, CancellationToken.None);
        Assert.Empty(problems);
        return written;
    }

    private static string WriteLog(string directory, string log, int intervals, Action<string> mirror)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, log);
        using var writer = IntervalLogWriter.Create(path, Start, ["Suite: distributed test"], mirror);
        for (var i = 0; i < intervals; i++)
        {
            writer.Append(Interval(log[..log.IndexOf('.', StringComparison.Ordinal)] + ".login", i));
        }

        return path;
    }

    /// <summary>Interval <paramref name="second"/> of a cell: 10 session times drawn from a seeded generator.</summary>
    private static LongHistogram Interval(string scenario, int second)
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 3)
        {
            Tag = HistogramTag.ForStep(scenario, "beijing", HistogramTag.Corrected).Format(),
            StartTimeStamp = (Start.ToUnixTimeSeconds() + second) * 1000,
            EndTimeStamp = (Start.ToUnixTimeSeconds() + second + 1) * 1000,
        };
        var random = new Random(scenario.Length * 1000 + second);
        for (var v = 0; v < 10; v++)
        {
            histogram.RecordValue(random.Next(1_000, 2_000_000));
        }

        return histogram;
    }
}
