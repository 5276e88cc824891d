using Latency.Bench.Load;
using Latency.RunDirectory;

namespace Latency.Bench.Application;

/// <summary>
/// What a run or study tells the one who started it while it goes on: the command line prints it, a test records
/// it. The services decide what happens; the observer only shows it (and never changes the outcome).
/// </summary>
public interface IRunObserver
{
    /// <summary>A step of the run, as a line for the user ("Bringing the world 'asia' up...").</summary>
    void Line(string message);

    /// <summary>Something the user should know that does not stop the run ("not root: ...").</summary>
    void Warning(string message);

    /// <summary>The study's paths were calibrated; the table is also in the run directory.</summary>
    void Calibrated(CalibrationTable table);

    /// <summary>The engine's progress, about once per interval.</summary>
    void Progress(EngineProgress progress);

    /// <summary>Shows progress until <paramref name="run"/> ends (a live view returns only then).</summary>
    Task WatchAsync(Task run);

    /// <summary>A suite's scenarios ran and run.json is complete.</summary>
    void RunMeasured(RunMeasurement measurement);

    /// <summary>A study's sessions ran and run.json is complete.</summary>
    void StudyMeasured(StudyMeasurement measurement);
}
