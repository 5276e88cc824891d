using Latency.Bench.Application;
using Latency.Bench.Load;
using Latency.RunDirectory;

namespace Latency.Tests.Application;

/// <summary>An <see cref="IRunObserver"/> that keeps what it was told, in order, for a test to look at.</summary>
internal sealed class RecordingRunObserver : IRunObserver
{
    public List<string> Events { get; } = [];

    public List<RunMeasurement> Measured { get; } = [];

    public void Line(string message) => Events.Add("line: " + message);

    public void Warning(string message) => Events.Add("warning: " + message);

    public void Calibrated(CalibrationTable table) => Events.Add("calibrated");

    public void Progress(EngineProgress progress)
    {
        // Several per second; a test looks at the steps, not at progress.
    }

    public Task WatchAsync(Task run)
    {
        Events.Add("watching");
        return run;
    }

    public void RunMeasured(RunMeasurement measurement)
    {
        Events.Add("run measured");
        Measured.Add(measurement);
    }

    public void StudyMeasured(StudyMeasurement measurement)
    {
        Events.Add("study measured");
        Measured.Add(measurement.Run);
    }
}
