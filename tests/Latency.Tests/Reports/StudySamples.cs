using HdrHistogram;
using Latency.RunDirectory;
using Latency.Reports.Statistics;

namespace Latency.Tests.Reports;

/// <summary>
/// Synthetic study runs: histograms with known quantiles, written with the reports' own writer types. Each cluster is
/// one past the quantile's rank, so HdrHistogram's quantile and the interpolated sample quantile (Hyndman &amp; Fan 7)
/// are the same value.
/// </summary>
internal static class StudySamples
{
    /// <summary>mumbai.app-cold-start on beijing: p50 150 ms, p95 250 ms (100 sessions).</summary>
    public static long[] MumbaiBeijing() => Repeat((150_000, 51), (250_000, 45), (400_000, 4));

    /// <summary>mumbai.app-cold-start on mumbai: p50 60 ms, p95 125 ms (100 sessions).</summary>
    public static long[] MumbaiMumbai() => Repeat((60_000, 51), (125_000, 45), (300_000, 4));

    /// <summary>jakarta.app-cold-start on beijing: p50 180 ms, p95 300 ms.</summary>
    public static long[] JakartaBeijing() => Repeat((180_000, 31), (300_000, 27), (500_000, 2));

    /// <summary>jakarta.app-cold-start on jakarta: p50 45 ms, p95 90 ms.</summary>
    public static long[] JakartaJakarta() => Repeat((45_000, 31), (90_000, 27), (200_000, 2));

    /// <summary>A p50 gain with a 95% interval of [<paramref name="lower"/>, <paramref name="upper"/>], by default at its middle.</summary>
    public static GainEstimate Gain(double lower, double upper, bool tooFew = false, double? gain = null) => new()
    {
        Probability = 0.5,
        Gain = gain ?? (lower + upper) / 2,
        Lower = lower,
        Upper = upper,
        ConfidenceLevel = 0.95,
        OriginQuantile = 1,
        InRegionQuantile = 1,
        OriginCount = 100,
        InRegionCount = 100,
        TooFewSamples = tooFew,
        Replicates = 2000,
        Seed = 1,
    };

    public static long[] Repeat(params (long ValueUs, int Count)[] parts) =>
        parts.SelectMany(p => Enumerable.Repeat(p.ValueUs, p.Count)).ToArray();

    public static LongHistogram Histogram(params long[] valuesUs)
    {
        var h = new LongHistogram(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits);
        foreach (var v in valuesUs)
        {
            h.RecordValue(v);
        }

        return h;
    }

    public static Dictionary<string, long[]> Sessions() => new()
    {
        ["mumbai.app-cold-start/beijing/uncorrected"] = MumbaiBeijing(),
        ["mumbai.app-cold-start/mumbai/uncorrected"] = MumbaiMumbai(),
        ["jakarta.app-cold-start/beijing/uncorrected"] = JakartaBeijing(),
        ["jakarta.app-cold-start/jakarta/uncorrected"] = JakartaJakarta(),
        // Not sessions: a request, its phase and the paired iteration must not be taken for deployments.
        ["mumbai.app-cold-start/mumbai.config/uncorrected"] = [20_000, 21_000],
        ["mumbai.app-cold-start/mumbai.config/connect"] = [5_000],
        ["mumbai.app-cold-start/-/uncorrected"] = [210_000, 300_000],
    };

    /// <summary>
    /// The critical-path split of every session in <see cref="Sessions"/> (session level, one value per session and
    /// kind, as the engine records them): per session DNS 2%, connect 10%, TLS 10%, TTFB 50%, transfer 20%, no think
    /// time, and other the rest, so each session's parts add up to its time.
    /// </summary>
    public static Dictionary<string, long[]> SessionSplits()
    {
        var splits = new Dictionary<string, long[]>();
        foreach (var (tag, values) in Sessions())
        {
            if (!HistogramTag.TryParse(tag, out var parsed) || parsed.IsIteration || parsed.Step.Contains('.'))
            {
                continue;
            }

            long[] Part(Func<long, long> of) => values.Select(of).ToArray();
            string Kind(string kind) => new HistogramTag(parsed.Scenario, parsed.Step, kind).Format();
            splits[Kind(HistogramTag.Dns)] = Part(v => v / 50);
            splits[Kind(HistogramTag.Connect)] = Part(v => v / 10);
            splits[Kind(HistogramTag.Tls)] = Part(v => v / 10);
            splits[Kind(HistogramTag.Ttfb)] = Part(v => v / 2);
            splits[Kind(HistogramTag.Transfer)] = Part(v => v / 5);
            splits[Kind(HistogramTag.Think)] = Part(_ => 0);
            splits[Kind(HistogramTag.Other)] = Part(v => v - v / 50 - v / 10 - v / 10 - v / 2 - v / 5);
        }

        return splits;
    }

    public static StudyInfo Study(NetworkBackend backend = NetworkBackend.Tun) => new()
    {
        Name = "default",
        World = "asia",
        Profile = "typical",
        Backend = backend,
        Comparisons =
        [
            new StudyComparison { Probe = "mumbai", Country = "India", City = "Mumbai", Origin = "beijing", InRegion = ["mumbai"] },
            new StudyComparison { Probe = "jakarta", Country = "Indonesia", City = "Jakarta", Origin = "beijing", InRegion = ["jakarta"] },
        ],
        Places = Places(),
    };

    /// <summary>
    /// Where <see cref="Study"/>'s probes and deployments are: the Natural Earth points of
    /// scenarios/world/data/places.csv, as a study over asia.yaml writes them.
    /// </summary>
    public static IReadOnlyList<StudyPlace> Places() =>
    [
        Place("mumbai", StudyPlace.ProbeKind, "Mumbai", 19.018936, 72.855043),
        Place("jakarta", StudyPlace.ProbeKind, "Jakarta", -6.172472, 106.827492),
        Place("beijing", StudyPlace.DeploymentKind, "Beijing (origin)", 39.930838, 116.38634),
        Place("mumbai", StudyPlace.DeploymentKind, "aws:ap-south-1 Mumbai", 19.018936, 72.855043),
        Place("jakarta", StudyPlace.DeploymentKind, "Jakarta (cloud region)", -6.172472, 106.827492),
    ];

    public static StudyPlace Place(string name, string kind, string label, double latitude, double longitude) => new()
    {
        Name = name,
        Kind = kind,
        Label = label,
        Latitude = latitude,
        Longitude = longitude,
        Source = $"places.csv: {label} (Natural Earth ne_110m_populated_places_simple)",
    };

    /// <summary>
    /// Harness figures of a 62 s run on 2 processors within the stated limits: client 0.412 cores on average, 1.100
    /// at p95; machine 48.2% busy; the emulator released this run's 123,456 packets 12 us late at the median.
    /// </summary>
    public static HarnessInfo Harness() => new()
    {
        ProcessorCount = 2,
        SampleSeconds = 1,
        Samples = 61,
        CpuCoresMean = 0.41234,
        CpuCoresP95 = 1.1,
        CpuCoresMax = 1.52,
        MachineBusyMean = 0.48249,
        MachineBusyP95 = 0.71,
        MachineBusyMax = 0.88,
        Emulator = new HarnessEmulator
        {
            CpuCoresMean = 0.21,
            CpuCoresMax = 0.35,
            Forwarded = 123_456,
            Lost = 1_234,
            LatenessP50Us = 12,
            LatenessP99Us = 85,
            LatenessP999Us = 310,
            LatenessMaxUs = 1_207,
            LatenessScope = HarnessEmulator.RunScope,
            LatenessFromUtc = HistogramSamples.RunStart.AddSeconds(-1.5),
            LatenessToUtc = HistogramSamples.RunStart.AddSeconds(63),
        },
    };

    /// <summary>
    /// Writes run.json (with <paramref name="study"/>) and one interval log of <see cref="Sessions"/> and their
    /// <see cref="SessionSplits"/>, split over two intervals.
    /// </summary>
    public static async Task WriteRunAsync(string directory, StudyInfo? study, NetworkBackend backend = NetworkBackend.Tun, HarnessInfo? harness = null)
    {
        var sessions = Sessions().Concat(SessionSplits()).ToDictionary();
        var manifest = ManifestSamples.Partial() with
        {
            Suite = new SuiteInfo { Name = "default" },
            Environment = ManifestSamples.Partial().Environment with { NetworkBackend = backend },
            Status = RunStatus.Complete,
            StatusReason = null,
            Scenarios = [],
            HistogramLogs = [new HistogramLogEntry { File = "study.hlog", Tags = sessions.Keys.ToList() }],
            Study = study,
            Harness = harness,
        };
        await RunManifestFile.WriteAsync(directory, manifest);
        using var writer = IntervalLogWriter.Create(Path.Combine(directory, "study.hlog"), HistogramSamples.RunStart);
        foreach (var (tag, values) in sessions)
        {
            var half = values.Length / 2;
            writer.Append(HistogramSamples.Interval(tag, 0, values[..half]));
            writer.Append(HistogramSamples.Interval(tag, 1, values[half..]));
        }
    }

    public const string CalibrationJson = """
        {
          "schema_version": 1,
          "world": "asia",
          "profile": "typical",
          "backend": "tun",
          "measured_utc": "2025-06-01T02:00:00+00:00",
          "emulator": null,
          "paths": [
            { "probe": "mumbai", "deployment": "beijing", "configured_rtt_ms": 95.5, "connect_p50_ms": 96.123, "connect_p99_ms": 97.5,
              "connect_samples": 20, "request_p50_ms": 96.9, "configured_down_mbps": 20, "measured_down_mbps": 19.4,
              "configured_up_mbps": 5, "measured_up_mbps": 4.8, "configured_loss_up_pct": 1, "measured_loss_up_pct": 0.95,
              "configured_loss_down_pct": 1, "measured_loss_down_pct": 1.05, "loss_probes": 2000, "notes": [] }
          ]
        }
        """;
}
