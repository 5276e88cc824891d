using Latency.RunDirectory;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// A study run the size of the default study (7 countries x 6 workloads, the asia world's places) with every callout
/// that can precede the first screen's answer: a partial run, a failed threshold and a harness that was too busy. The
/// first-screen test must fit the headline, grid and map into 1400 x 900 in this worst case, not only in a small run.
/// </summary>
public static class DefaultSizedStudyRun
{
    private const string LogFile = "study.hlog";

    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    // Probe, country, city, in-region deployment and the probe's point (scenarios/world/data/places.csv).
    private static readonly (string Probe, string Country, string City, string InRegion, double Lat, double Lon)[] Probes =
    [
        ("mumbai", "India", "Mumbai", "mumbai", 19.018936, 72.855043),
        ("jakarta", "Indonesia", "Jakarta", "jakarta", -6.172472, 106.827492),
        ("kuala-lumpur", "Malaysia", "Kuala Lumpur", "singapore", 3.168612, 101.698037),
        ("manila", "Philippines", "Manila", "hong-kong", 14.606105, 120.980271),
        ("taipei", "Taiwan", "Taipei", "taipei", 25.035833, 121.568333),
        ("ho-chi-minh-city", "Vietnam", "Ho Chi Minh City", "singapore", 10.762125, 106.702985),
        ("bangkok", "Thailand", "Bangkok", "singapore", 13.751945, 100.514699),
    ];

    private static readonly (string Name, string Label, double Lat, double Lon)[] Deployments =
    [
        ("beijing", "Beijing (origin)", 39.930838, 116.38634),
        ("mumbai", "aws:ap-south-1 Mumbai", 19.018936, 72.855043),
        ("jakarta", "Jakarta (cloud region)", -6.172472, 106.827492),
        ("singapore", "aws:ap-southeast-1 Singapore", 1.294979, 103.853875),
        ("hong-kong", "aws:ap-east-1 Hong Kong", 22.306927, 114.183063),
        ("taipei", "Taipei (cloud region)", 25.035833, 121.568333),
    ];

    private static readonly string[] Workloads = ["app-cold-start", "account-login", "app-store-download", "ota-check", "photo-backup", "push-heartbeat"];

    /// <summary>Writes run.json and one interval log into <paramref name="directory"/>.</summary>
    public static async Task WriteAsync(string directory)
    {
        var sessions = new Dictionary<string, long[]>();
        for (var p = 0; p < Probes.Length; p++)
        {
            for (var w = 0; w < Workloads.Length; w++)
            {
                // Gains from 1.1x to about 5x, and the bulk workloads with a handful of sessions (grey "too few" cells).
                var count = Workloads[w] is "app-store-download" or "photo-backup" ? 4 : 60;
                var origin = 400_000L * (w + 1);
                var gain = 1.1 + (p * Workloads.Length + w) % 9 * 0.5;
                sessions[$"{Probes[p].Probe}.{Workloads[w]}/beijing/uncorrected"] = Spread(origin, count);
                sessions[$"{Probes[p].Probe}.{Workloads[w]}/{Probes[p].InRegion}/uncorrected"] = Spread((long)(origin / gain), count);
            }
        }

        var manifest = new RunManifest
        {
            Tool = new ToolInfo { Name = "latency", Version = "0.1.0" },
            Suite = new SuiteInfo { Name = "default" },
            Environment = new EnvironmentInfo { MachineName = "probe-1", Os = "Linux", ProcessorCount = 2, DotnetVersion = "10.0.0", NetworkBackend = NetworkBackend.Tun },
            StartedUtc = Start,
            EndedUtc = Start.AddSeconds(240),
            Status = RunStatus.Partial,
            StatusReason = "interrupted (Ctrl-C)",
            HistogramLogs = [new HistogramLogEntry { File = LogFile, Tags = sessions.Keys.ToList() }],
            Scenarios = [FailedThreshold()],
            Harness = new HarnessInfo
            {
                ProcessorCount = 2, SampleSeconds = 1, Samples = 240, CpuCoresMean = 1.1, CpuCoresP95 = 1.3, CpuCoresMax = 1.5,
                MachineBusyMean = 0.9, MachineBusyP95 = 1.0, MachineBusyMax = 1.0,
            },
            Study = new StudyInfo
            {
                Name = "default", World = "asia", Profile = "typical", Backend = NetworkBackend.Tun,
                Comparisons = Probes.Select(p => new StudyComparison { Probe = p.Probe, Country = p.Country, City = p.City, Origin = "beijing", InRegion = [p.InRegion] }).ToList(),
                Places = Probes.Select(p => Place(p.Probe, StudyPlace.ProbeKind, p.City, p.Lat, p.Lon))
                    .Concat(Deployments.Select(d => Place(d.Name, StudyPlace.DeploymentKind, d.Label, d.Lat, d.Lon))).ToList(),
            },
        };
        await RunManifestFile.WriteAsync(directory, manifest);
        SyntheticStudyRun.WriteLog(Path.Combine(directory, LogFile), Start, TimeSpan.FromSeconds(240), sessions);
    }

    /// <summary>As <see cref="SyntheticStudyRun.ReportHtmlAsync(string)"/>, for this run.</summary>
    public static Task<string> ReportHtmlAsync(string output) => SyntheticStudyRun.ReportHtmlAsync(WriteAsync, output);

    // Values spread evenly over ±20% of the median, so every cell has an interval.
    private static long[] Spread(long median, int count) =>
        Enumerable.Range(0, count).Select(i => median * 8 / 10 + median * 4 / 10 * i / Math.Max(1, count - 1)).ToArray();

    private static ScenarioResult FailedThreshold() => new()
    {
        Name = "mumbai.app-cold-start",
        LoadModel = LoadModel.Open,
        HttpVersion = "2",
        Connections = 1,
        IntendedIterations = 120,
        Iterations = new IterationCounts { Started = 120, Completed = 120, Ok = 120, Failed = 0, Dropped = 0, Late = 0 },
        Corrected = LatencySummary.Empty,
        Uncorrected = LatencySummary.Empty,
        Thresholds = [new ThresholdResult { Text = "beijing: p95 < 1s", Passed = false, Observed = "1.44s" }],
    };

    private static StudyPlace Place(string name, string kind, string label, double latitude, double longitude) =>
        new() { Name = name, Kind = kind, Label = label, Latitude = latitude, Longitude = longitude };
}
