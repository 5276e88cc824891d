namespace Latency.Bench.Application;

/// <summary>What <c>latency nightly</c> was asked for: the suite to run and how to judge it.</summary>
public sealed record NightlyRequest
{
    /// <summary>The <c>--baseline</c> value that asks for the last good run of the history (the default).</summary>
    public const string LastGood = "last-good";

    /// <summary>The folder inside the nightly directory that holds the run directory.</summary>
    public const string RunFolder = "run";

    /// <summary>The suite file, as <c>latency run</c> takes it; null for the default study.</summary>
    public string? SuitePath { get; init; }

    /// <summary>The nightly directory: the run directory, the comparison and the summary page go there.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>Stop scheduling after this long (<c>--duration</c>, as typed); null for the suite's own length.</summary>
    public string? Duration { get; init; }

    /// <summary>No live progress (a job's log wants lines, not a redrawn status line).</summary>
    public bool NoProgress { get; init; }

    /// <summary>A run directory to compare with, or <see cref="LastGood"/> (also when null).</summary>
    public string? Baseline { get; init; }

    /// <summary>The history file the run is added to and checked against.</summary>
    public required string HistoryFile { get; init; }

    /// <summary>The share (0.05 = 5%) within which the comparison and the history check see no change.</summary>
    public required double Tolerance { get; init; }

    /// <summary>The run directory, inside the nightly directory.</summary>
    public string RunDirectory => Path.Combine(OutDirectory, RunFolder);

    /// <summary>True when the baseline is to be chosen from the history.</summary>
    public bool WantsLastGood => Baseline is null or LastGood;

    /// <summary>The run, as <c>latency run SUITE --out DIR/run</c> would be asked for it.</summary>
    public RunRequest Run => new() { SuitePath = SuitePath, OutDirectory = RunDirectory, Duration = Duration, NoProgress = NoProgress };
}
