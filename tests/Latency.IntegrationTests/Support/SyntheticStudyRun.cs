using HdrHistogram;
using Latency.RunDirectory;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// A small study run directory (run.json and one interval log) with known session times: two countries, each on
/// beijing and in region, so the report has its table, a gain chart and two CDF charts.
/// </summary>
public static class SyntheticStudyRun
{
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public const string LogFile = "study.hlog";

    public static async Task WriteAsync(string directory)
    {
        // Each cluster one past the quantile's rank: HdrHistogram's p50/p95 and the sample quantiles the report uses agree.
        var sessions = new Dictionary<string, long[]>
        {
            ["mumbai.app-cold-start/beijing/uncorrected"] = Repeat((150_000, 51), (250_000, 45), (400_000, 4)),
            ["mumbai.app-cold-start/mumbai/uncorrected"] = Repeat((60_000, 51), (125_000, 45), (300_000, 4)),
            ["jakarta.app-cold-start/beijing/uncorrected"] = Repeat((180_000, 31), (300_000, 27), (500_000, 2)),
            ["jakarta.app-cold-start/jakarta/uncorrected"] = Repeat((45_000, 31), (90_000, 27), (200_000, 2)),
        };
        var manifest = new RunManifest
        {
            Tool = new ToolInfo { Name = "latency", Version = "0.1.0" },
            Suite = new SuiteInfo { Name = "default" },
            Environment = new EnvironmentInfo { MachineName = "probe-1", Os = "Linux", ProcessorCount = 2, DotnetVersion = "10.0.0", NetworkBackend = NetworkBackend.Tun },
            StartedUtc = Start,
            EndedUtc = Start.AddSeconds(60),
            Status = RunStatus.Complete,
            HistogramLogs = [new HistogramLogEntry { File = LogFile, Tags = sessions.Keys.ToList() }],
            Study = new StudyInfo
            {
                Name = "default", World = "asia", Profile = "typical", Backend = NetworkBackend.Tun,
                Comparisons =
                [
                    new StudyComparison { Probe = "mumbai", Country = "India", City = "Mumbai", Origin = "beijing", InRegion = ["mumbai"] },
                    new StudyComparison { Probe = "jakarta", Country = "Indonesia", City = "Jakarta", Origin = "beijing", InRegion = ["jakarta"] },
                ],
                // Natural Earth points, as scenarios/world/data/places.csv has them: the report draws its map from these.
                Places =
                [
                    Place("mumbai", StudyPlace.ProbeKind, "Mumbai", 19.018936, 72.855043),
                    Place("jakarta", StudyPlace.ProbeKind, "Jakarta", -6.172472, 106.827492),
                    Place("beijing", StudyPlace.DeploymentKind, "Beijing (origin)", 39.930838, 116.38634),
                    Place("mumbai", StudyPlace.DeploymentKind, "aws:ap-south-1 Mumbai", 19.018936, 72.855043),
                    Place("jakarta", StudyPlace.DeploymentKind, "Jakarta (cloud region)", -6.172472, 106.827492),
                ],
            },
        };
        await RunManifestFile.WriteAsync(directory, manifest);
        WriteLog(Path.Combine(directory, LogFile), Start, TimeSpan.FromSeconds(60), sessions);
    }

    /// <summary>One interval log with one interval per tag, from <paramref name="start"/> over <paramref name="length"/>.</summary>
    public static void WriteLog(string path, DateTimeOffset start, TimeSpan length, IReadOnlyDictionary<string, long[]> sessions)
    {
        using var writer = IntervalLogWriter.Create(path, start);
        foreach (var (tag, values) in sessions)
        {
            var histogram = new LongHistogram(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits)
            {
                Tag = tag,
                StartTimeStamp = start.ToUnixTimeMilliseconds(),
                EndTimeStamp = (start + length).ToUnixTimeMilliseconds(),
            };
            foreach (var value in values)
            {
                histogram.RecordValue(value);
            }

            writer.Append(histogram);
        }
    }

    /// <summary>
    /// Writes the run to a directory of its own, runs <c>latency report</c> on it in process with its output in
    /// <paramref name="output"/>, and returns report.html's file:// URL, as a browser would open it.
    /// </summary>
    public static Task<string> ReportHtmlAsync(string output) => ReportHtmlAsync(WriteAsync, output);

    /// <summary>As <see cref="ReportHtmlAsync(string)"/>, for the run <paramref name="write"/> writes into a directory.</summary>
    public static async Task<string> ReportHtmlAsync(Func<string, Task> write, string output)
    {
        using var run = new TempDirectory();
        await write(run.Path);
        var cli = await CliRun.InProcessAsync("report", run.Path, "--out", output);
        if (cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"latency report exited with {cli.ExitCode}:\n{cli.Error}");
        }

        return new Uri(Path.Combine(output, "report.html")).AbsoluteUri;
    }

    private static long[] Repeat(params (long ValueUs, int Count)[] parts) =>
        parts.SelectMany(p => Enumerable.Repeat(p.ValueUs, p.Count)).ToArray();

    private static StudyPlace Place(string name, string kind, string label, double latitude, double longitude) =>
        new() { Name = name, Kind = kind, Label = label, Latitude = latitude, Longitude = longitude };
}
