using Latency.Bench.Application;
using Latency.Bench.Load;
using Latency.Bench.Study;
using Latency.RunDirectory;

namespace Latency.Bench.Cli;

/// <summary>
/// Shows a run or study on the console: its steps on standard output, warnings on standard error, live progress
/// (<see cref="ProgressView"/>), the calibration table, and the end-of-run summary or per-country table.
/// </summary>
internal sealed class ConsoleRunObserver(TextWriter output, TextWriter error, bool showProgress) : IRunObserver
{
    private readonly ProgressView _progress = new(output,
        live: showProgress && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out), enabled: showProgress);

    public void Line(string message) => output.WriteLine(message);

    public void Warning(string message) => error.WriteLine($"latency: {message}");

    public void Calibrated(CalibrationTable table) => CalibrationPrinter.Print(output, table);

    public void Progress(EngineProgress progress) => _progress.Update(progress);

    public Task WatchAsync(Task run) => _progress.ShowUntilAsync(run);

    public void RunMeasured(RunMeasurement measurement) => SummaryPrinter.Print(output, measurement.Manifest, measurement.Thresholds);

    public void StudyMeasured(StudyMeasurement measurement)
    {
        if (measurement.Sampling is var (precision, cells))
        {
            SamplingPrinter.Print(output, precision, cells);
        }

        StudyTable.Print(output, measurement.Study.Cells, measurement.Run.Result.Histograms, measurement.Backend, measurement.Comparisons);
    }

    /// <summary>A stop signal arrived: said in the live view's title, or as a line when there is none.</summary>
    public void Stopping(string signal) => _progress.Notice($"{signal}: stopping; writing what was recorded (press Ctrl-C again to quit at once)");
}
