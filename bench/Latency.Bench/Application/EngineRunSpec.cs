using HdrHistogram;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Latency.RunDirectory;
using Latency.Scenarios.Load;
using Latency.World.Runtime;

namespace Latency.Bench.Application;

/// <summary>What <see cref="EngineRun"/> runs and where it writes.</summary>
internal sealed record EngineRunSpec
{
    /// <summary>The run directory.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>run.json's <c>suite</c>.</summary>
    public required SuiteInfo Suite { get; init; }

    /// <summary>How targets are reached (<c>tun</c>, <c>relay</c> or <c>direct</c>), recorded in run.json's environment.</summary>
    public required NetworkBackend Backend { get; init; }

    /// <summary>The scenarios as <see cref="LoadEngine.Plan"/> checked and compiled them.</summary>
    public required IReadOnlyList<(ScenarioProps Props, LoadTimeline Timeline)> Scenarios { get; init; }

    /// <summary>Stop scheduling after this long; null: when the timelines end.</summary>
    public TimeSpan? DurationLimit { get; init; }

    /// <summary>The world's state directory, for the harness's view of the emulator; null without a world.</summary>
    public WorldDirectory? WorldDirectory { get; init; }

    /// <summary>The world the run goes through; null for real endpoints.</summary>
    public WorldState? World { get; init; }

    /// <summary>run.json's <c>study</c>; null for a suite's scenarios.</summary>
    public StudyInfo? Study { get; init; }

    /// <summary>Applied to <see cref="Study"/> once the engine has ended, for what is known only then (the handset
    /// pools' counts).</summary>
    public Func<StudyInfo, StudyInfo>? CompleteStudy { get; init; }

    /// <summary>Applied to run.json once the study is complete, before it is written (residency thresholds are added so).</summary>
    public Func<RunManifest, RunManifest>? CompleteManifest { get; init; }

    /// <summary>Also receives every interval the sink writes (adaptive sampling watches the sessions so).</summary>
    public Action<IReadOnlyList<(MetricKey Key, HistogramBase Interval)>>? AlsoOnInterval { get; init; }

    /// <summary>Runs while the engine does, and is cancelled when it ends (adaptive sampling's evaluation loop).</summary>
    public Func<CancellationToken, Task>? Alongside { get; init; }

    /// <summary>Given a log's file name, what also receives every text written to it (a distributed agent's stream); null: none.</summary>
    public Func<string, Action<string>?>? MirrorLog { get; init; }

    /// <summary>
    /// Awaited just before the engine starts (run.json's final start time is the engine's, after it): a distributed agent
    /// waits there for the coordinator's common start instant. Null: start at once.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeStart { get; init; }
}
