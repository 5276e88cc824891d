using System.Globalization;
using Latency.Bench.Load;
using Latency.Scenarios.Suites;
using Spectre.Console;

namespace Latency.Bench.Cli;

/// <summary>
/// Live progress: target vs achieved rate, completed, failed, dropped, corrected p50/p99 so far. A live table in a
/// terminal; one plain line every few seconds when output goes to a file or a pipe (CI logs stay short).
/// </summary>
public sealed class ProgressView(TextWriter output, bool live, bool enabled)
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);
    private EngineProgress? _latest;
    private TimeSpan? _lastPlain;
    private string? _notice;

    public void Update(EngineProgress progress)
    {
        Volatile.Write(ref _latest, progress);
        if (!enabled || live || (_lastPlain is { } last && progress.Elapsed - last < PlainEvery))
        {
            return;
        }

        _lastPlain = progress.Elapsed;
        foreach (var line in Lines(progress))
        {
            output.WriteLine(line);
        }
    }

    public void Notice(string message)
    {
        Volatile.Write(ref _notice, message);
        if (!live)
        {
            output.WriteLine(message);
        }
    }

    public async Task ShowUntilAsync(Task run)
    {
        if (!enabled || !live)
        {
            await Task.WhenAny(run).ConfigureAwait(false);
            return;
        }

        await AnsiConsole.Live(new Text("starting..."))
            .AutoClear(false)
            .StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    if (Volatile.Read(ref _latest) is { } progress)
                    {
                        context.UpdateTarget(Table(progress));
                    }

                    await Task.WhenAny(run, Task.Delay(500)).ConfigureAwait(false);
                }

                if (Volatile.Read(ref _latest) is { } last)
                {
                    context.UpdateTarget(Table(last));
                }
            }).ConfigureAwait(false);
    }

    private Table Table(EngineProgress progress)
    {
        var table = new Table().Title(Markup.Escape(Header(progress) + (Volatile.Read(ref _notice) is { } n ? " - " + n : string.Empty)));
        table.AddColumns("scenario", "target/s", "achieved/s", "completed", "failed", "dropped", "p50 (corrected)", "p99 (corrected)");
        foreach (var s in progress.Scenarios)
        {
            table.AddRow(Markup.Escape(s.Name), s.TargetRate is { } t ? F(t) : "closed", F(s.AchievedRate), s.Completed.ToString(CultureInfo.InvariantCulture),
                s.Failed.ToString(CultureInfo.InvariantCulture), s.Dropped.ToString(CultureInfo.InvariantCulture),
                DurationParser.FormatMicros(s.P50Micros), DurationParser.FormatMicros(s.P99Micros));
        }

        return table;
    }

    private static IEnumerable<string> Lines(EngineProgress progress)
    {
        foreach (var s in progress.Scenarios)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{Header(progress)} {s.Name}: target {(s.TargetRate is { } t ? F(t) + "/s" : "closed model")}, achieved {F(s.AchievedRate)}/s, " +
                $"completed {s.Completed}, failed {s.Failed}, dropped {s.Dropped}, corrected p50 {DurationParser.FormatMicros(s.P50Micros)} p99 {DurationParser.FormatMicros(s.P99Micros)}");
        }
    }

    private static string Header(EngineProgress progress) =>
        progress.PlannedDuration is { } planned
            ? string.Create(CultureInfo.InvariantCulture, $"[{progress.Elapsed.TotalSeconds:0}s/{planned.TotalSeconds:0}s]")
            : string.Create(CultureInfo.InvariantCulture, $"[{progress.Elapsed.TotalSeconds:0}s]");

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
