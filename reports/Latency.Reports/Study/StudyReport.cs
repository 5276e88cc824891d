using Latency.Reports.Charts;
using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>
/// The study report as document blocks: first the answer for a product lead (headline, grid, map, sentences, trust
/// box), then the gain chart, then collapsed details for engineers (tables, charts, calibration, run, errors, environment).
/// reads), the charts, the calibration table, then run status, errors and environment for engineers.
/// Pure: everything comes in as arguments, so the same run always gives the same document.
/// </summary>
public sealed record StudyReport
{
    public required string Title { get; init; }

    public required IReadOnlyList<ReportBlock> Blocks { get; init; }

    /// <summary>
    /// The backend a report names: the study's, else the run environment's, else the calibration's; null when none of
    /// them says (run.json unreadable and no calibration).
    /// </summary>
    /// <param name="manifest">run.json, or null when it could not be read.</param>
    /// <param name="calibration">calibration.json, or null.</param>
    public static NetworkBackend? BackendOf(RunManifest? manifest, CalibrationTable? calibration) =>
        manifest?.Study?.Backend ?? manifest?.Environment.NetworkBackend ?? calibration?.Backend;

    /// <summary>Builds the report of <paramref name="run"/>.</summary>
    /// <param name="run">The run as read.</param>
    /// <param name="summary">The run's <see cref="StudySummary"/>.</param>
    /// <param name="statistics">The statistics of <paramref name="summary"/>'s rows (<see cref="RowStatistics.From(StudySummary, RunData)"/>), in row order.</param>
    /// <param name="charts">Rendered charts, in the order to show.</param>
    /// <param name="calibration">calibration.json of the run, or null.</param>
    /// <param name="problems">Every problem found: reading the run, the calibration, drawing charts.</param>
    /// <param name="map">The map of the countries studied; null when the study's world gives no coordinates.</param>
    public static StudyReport Build(
        RunData run, StudySummary summary, IReadOnlyList<RowStatistics> statistics, IReadOnlyList<RenderedChart> charts,
        CalibrationTable? calibration, IReadOnlyList<RunDirectoryProblem> problems, ReportMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(summary);
        RowStatistics.CheckAligned(summary, statistics, nameof(statistics));

        ArgumentNullException.ThrowIfNull(charts);
        ArgumentNullException.ThrowIfNull(problems);
        var manifest = run.Manifest;
        var study = manifest?.Study;
        var name = study?.Name ?? manifest?.Suite.Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(run.Directory));
        var title = $"Latency study: {name}";
        // The first screen (issue 11): at 1400 x 900 a product lead sees the headline, the grid and the map without
        // scrolling, so what precedes them is kept to the title and the callouts that change how to read them.
        var backend = BackendOf(manifest, calibration);
        var blocks = new List<ReportBlock> { new ReportHeading(1, title) };

        // First screen: warnings that change how to read the numbers, then the answer.
        if (backend == NetworkBackend.Relay)
        {
            blocks.Add(new ReportCallout("Relay backend: packet loss is not modelled.",
                "This run used the loopback relay (no root for network namespaces): delay and bandwidth are emulated per " +
                "chunk, but no packet is ever lost, so gains on lossy paths are understated. Run as root for the tun backend."));
        }

        if (manifest is null)
        {
            blocks.Add(new ReportCallout("run.json could not be read.", "Status, study and environment are unknown; the numbers below come from the interval logs alone."));
        }
        else if (manifest.Status != RunStatus.Complete)
        {
            blocks.Add(new ReportCallout($"Run {manifest.Status.ToString().ToLowerInvariant()}.",
                (manifest.StatusReason ?? "no reason recorded") + ". The numbers cover what ran before it stopped."));
        }

        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        if (errors > 0)
        {
            blocks.Add(new ReportCallout($"{errors} problem(s) reading the run directory.", "Some data is missing; see Problems below."));
        }

        if (FailedThresholds(manifest) is { } thresholdsFailed)
        {
            blocks.Add(thresholdsFailed);
        }

        if (manifest?.Harness is { } harness && HarnessLoad.Concerns(harness) is { Count: > 0 } concerns)
        {
            blocks.Add(new ReportCallout("The harness may have been the bottleneck.",
                Capitalize(string.Join("; ", concerns)) + ": the times may measure this machine as well as the network. See Run below."));
        }

        var residency = ResidencySummary.From(study);
        blocks.AddRange(FirstScreen(summary, statistics, map, residency?.Sentence()));
        // Right after the first screen: the move's second promise, beside the first.
        blocks.AddRange(ResidencySection.Blocks(residency));
        blocks.Add(TrustBox(run, summary, statistics, backend, calibration));
        var gainChart = charts.FirstOrDefault(c => c.Name == GainChart.Name);
        if (gainChart is not null)
        {
            blocks.Add(new ReportHeading(2, "Speed gain per country and workload"));
            blocks.Add(new ReportChart(gainChart));
        }

        // Details for engineers, collapsed: the page opens on the answer and nothing below repeats it.
        blocks.Add(new ReportDetails("All comparisons: times, gains, failures and verdicts", Answer(summary, statistics).ToList()));
        blocks.AddRange(Details(statistics));
        blocks.AddRange(RadioSection.Blocks([.. summary.Rows.Select(r => RadioEffect.From(run, r)).OfType<RadioEffect>()]));
        var otherCharts = charts.Where(c => c != gainChart).Select(c => (ReportBlock)new ReportChart(c)).ToList();
        blocks.Add(new ReportDetails("Charts: distributions, heatmaps, phases and time series",
            otherCharts.Count > 0 ? otherCharts : [new ReportParagraph("No charts: no sessions were recorded.")]));
        if (Thresholds(manifest).ToList() is { Count: > 0 } thresholds)
        {
            blocks.Add(new ReportDetails("Thresholds", thresholds));
        }

        blocks.Add(new ReportDetails("Calibration", Calibration(calibration).ToList()));
        blocks.Add(new ReportDetails("Run, errors and environment", Run(run, backend).Concat(Errors(manifest, problems, summary)).Concat(Environment(manifest)).ToList()));
        return new StudyReport { Title = title, Blocks = blocks };
    }

    /// <summary>The headline, the sentence on where users' data went, then the grid beside the map.</summary>
    private static IEnumerable<ReportBlock> FirstScreen(StudySummary summary, IReadOnlyList<RowStatistics> statistics, ReportMap? map, string? residency)
    {
        if (StudyHeadline.Of(statistics, summary.MainWorkload) is { } headline)
        {
            yield return new ReportHeadline(headline);
        }

        if (residency is not null)
        {
            yield return new ReportResidencyLine(residency);
        }

        if (GainGrid.From(statistics, summary.MainWorkload) is not { } grid)
        {
            yield break;
        }

        var origins = statistics.Select(s => s.Row.Origin.Deployment).Distinct(StringComparer.Ordinal).ToList();
        var origin = origins.Count == 1 ? Capitalize(origins[0]) : "the origin";
        var caption = $"How many times faster a typical session (the median) is on the in-region deployment than on {origin}, " +
                      "with the range it very likely lies in (95% interval). Grey: no clear difference (the interval includes 1x, or the gain is under " +
                      $"{StudyVerdict.Percent(statistics[0].PracticalDifference)}), too few sessions, or errors. Low confidence: too few sessions " +
                      $"or an interval wider than ±{StudyVerdict.Percent(GainGrid.LowConfidenceHalfWidth)}.";
        IReadOnlyList<ReportBlock> right = map is null
            ? [new ReportParagraph("No map: the study's world gives no coordinates for its probes and deployments.")]
            : [map];
        yield return new ReportColumns([new ReportGainGrid(grid, caption)], right);
        if (CountrySentences.Of(statistics, grid, summary.MainWorkload) is { Count: > 0 } sentences)
        {
            yield return new ReportHeading(2, $"Country by country: {WorkloadLabel.InSentence(summary.MainWorkload!)}");
            yield return new ReportList(sentences);
        }
    }

    /// <summary>
    /// The trust box: when and where the study ran, what network it crossed, how many sessions each comparison has, how
    /// intervals were computed, the thresholds, and which comparisons are low confidence.
    /// </summary>
    private static ReportBox TrustBox(RunData run, StudySummary summary, IReadOnlyList<RowStatistics> statistics, NetworkBackend? backend, CalibrationTable? calibration)
    {
        var manifest = run.Manifest;
        var items = new List<string>();
        if (manifest is not null)
        {
            items.Add($"Ran {ReportFormat.Time(manifest.StartedUtc)} to {ReportFormat.Time(manifest.EndedUtc)} " +
                      $"({ReportFormat.Number((manifest.EndedUtc - manifest.StartedUtc).TotalMinutes, "0.#")} min) on {manifest.Environment.MachineName} " +
                      $"({manifest.Environment.ProcessorCount} processors), status {manifest.Status.ToString().ToLowerInvariant()}.");
        }

        var world = manifest?.Study?.World ?? calibration?.World;
        var profile = manifest?.Study?.Profile ?? calibration?.Profile;
        items.Add(backend switch
        {
            NetworkBackend.Tun => $"Network: emulated (world {world ?? "?"}, profile {profile ?? "?"}): each path's delay, bandwidth and loss come from published measurements; " +
                     "packets cross a user-space WAN emulator." + (calibration is null ? " Not calibrated." : " Calibrated: see Calibration."),
            NetworkBackend.Relay => $"Network: emulated without packet loss (loopback relay, world {world ?? "?"}): gains on lossy paths are understated.",
            NetworkBackend.Direct => "Network: real: sessions reached the deployments' real endpoints from this machine.",
            _ => "Network: unknown (run.json does not say).",
        });
        var compared = statistics.Where(s => s.Row.InRegion is not null).ToList();
        if (compared.Count > 0)
        {
            var sessions = compared.Select(s => Math.Min(s.Row.Origin.Count, s.Row.InRegion!.Count)).Order().ToList();
            items.Add($"Sessions per comparison (the smaller side): {ReportFormat.Count(sessions[0])} to {ReportFormat.Count(sessions[^1])}, " +
                      $"median {ReportFormat.Count(sessions[sessions.Count / 2])}; successful sessions only.");
        }

        items.Add("Intervals: a percentile bootstrap of the ratio of medians over the recorded sessions " +
                  $"({ReportFormat.Count(new Statistics.QuantileRatioBootstrap().Replicates)} resamples, seeded); \"very likely\" = the 95% interval. " +
                  "The headline pools countries by the geometric mean of their gains.");
        var practical = statistics.Count == 0 ? StudyVerdict.DefaultPracticalDifference : statistics[0].PracticalDifference;
        var maxErrorRate = statistics.Count == 0 ? StudyInfo.DefaultMaxErrorRate : statistics[0].MaxErrorRate;
        items.Add($"Clearly faster: the whole 95% interval above 1x and a gain of at least {StudyVerdict.Percent(practical)}; " +
                  $"more than {StudyVerdict.Percent(maxErrorRate)} failed sessions on a side make a comparison \"errors\".");
        var thresholds = (manifest?.Scenarios ?? []).SelectMany(s => s.Thresholds).ToList();
        items.Add(thresholds.Count == 0
            ? "Thresholds: none set."
            : thresholds.All(t => t.Passed)
                ? $"Thresholds: all {thresholds.Count} passed."
                : $"Thresholds: {thresholds.Count(t => !t.Passed)} of {thresholds.Count} FAILED (see Thresholds).");
        var low = compared.Where(s => GainGrid.Cell(s).LowConfidence).ToList();
        items.Add(low.Count == 0
            ? "Low confidence: none (every comparison has enough sessions and an interval within ±50%)."
            : $"Low confidence ({low.Count}: too few sessions or an interval wider than ±{StudyVerdict.Percent(GainGrid.LowConfidenceHalfWidth)}): " +
              string.Join(", ", low.Select(s => $"{s.Row.Country} {WorkloadLabel.InSentence(s.Row.Workload)}")) + ".");
        if (manifest?.Harness is { } harness)
        {
            var concerns = HarnessLoad.Concerns(harness);
            items.Add(concerns.Count == 0 ? "Harness load: within limits." : $"Harness load: may have been the bottleneck ({string.Join("; ", concerns)}).");
        }

        return new ReportBox("trust", "How far to trust these numbers", items);
    }

    private static IEnumerable<ReportBlock> Answer(StudySummary summary, IReadOnlyList<RowStatistics> statistics)
    {
        if (summary.Rows.Count == 0)
        {
            yield return new ReportParagraph("No study sessions found: no histogram tagged <probe>.<workload>/<deployment>/uncorrected.");
            yield break;
        }

        if (StudyFinding.Sentence(statistics) is { } finding)
        {
            yield return new ReportParagraph(finding);
        }

        var origins = summary.Rows.Select(r => r.Origin.Deployment).Distinct(StringComparer.Ordinal).ToList();
        var origin = origins.Count == 1 ? Capitalize(origins[0]) : "Origin";
        yield return new ReportParagraph(
            $"Session time of each workload, from a probe in each country, on {(origins.Count == 1 ? origins[0] : "the origin")} " +
            "and on the in-region deployment (p50 = median, p95 = 95th percentile, in milliseconds). Gain = origin p50 / in-region p50: " +
            "above 1x the in-region deployment is faster; the 95% interval is a bootstrap over the recorded sessions. " +
            "Failed: sessions that failed on the origin / in region.");
        yield return new ReportTable(
            ["Country", "City", "Workload", $"{origin} p50 (ms)", $"{origin} p95 (ms)", "In region", "In-region p50 (ms)", "In-region p95 (ms)",
             "Gain (p50)", "95% CI", "Failed", "Verdict"],
            statistics.Select(s =>
            {
                var r = s.Row;
                return (IReadOnlyList<string>)
                [
                    r.Country, r.City ?? "-", WorkloadLabel.Of(r.Workload),
                    Ms(r.Origin), Ms(r.Origin, p95: true),
                    r.InRegion?.Deployment ?? "-", r.InRegion is null ? "-" : Ms(r.InRegion), r.InRegion is null ? "-" : Ms(r.InRegion, p95: true),
                    ReportFormat.Gain(r.GainP50), Interval(s), Failures(r), StudyVerdict.Label(s.Verdict, r),
                ];
            }).ToList(),
            new HashSet<int> { 3, 4, 6, 7, 8, 9, 10 });
        yield return new ReportParagraph(statistics.Count == 0 ? StudyVerdict.Rule(StudyInfo.DefaultMaxErrorRate) : StudyVerdict.Rule(statistics[0].MaxErrorRate, statistics[0].PracticalDifference));
        if (Precision(summary, statistics) is { } precision)
        {
            yield return new ReportParagraph(precision);
        }
    }

    /// <summary>
    /// Whether the study's precision target was met: how many comparisons have a p50-gain interval within ±target, and
    /// which did not. Null when the study set no target.
    /// </summary>
    private static string? Precision(StudySummary summary, IReadOnlyList<RowStatistics> statistics)
    {
        if (summary.Precision is not { } target)
        {
            return null;
        }

        var percent = StudyVerdict.Percent(target);
        var targeted = statistics.Where(s => summary.PrecisionWorkloads.Count == 0 || summary.PrecisionWorkloads.Contains(s.Row.Workload)).ToList();
        var workloads = summary.PrecisionWorkloads.Count == 0 ? "every workload" : string.Join(", ", summary.PrecisionWorkloads.Select(WorkloadLabel.Of));
        var missed = targeted.Where(s => s.HalfWidth is not { } w || w > target).ToList();
        var text = $"Precision target: a p50-gain interval within ±{percent} of the gain for {workloads} (sampled faster until they got there, " +
                   $"within the study's duration). Met by {targeted.Count - missed.Count} of {targeted.Count} comparisons";
        if (missed.Count == 0)
        {
            return text + ".";
        }

        return text + "; not met by " + string.Join(", ", missed.Select(s =>
            $"{s.Row.Country}, {WorkloadLabel.Of(s.Row.Workload)} ({(s.HalfWidth is { } w ? "±" + StudyVerdict.Percent(w) : "no interval")})")) + ".";
    }

    /// <summary>The p50 gain's bootstrap interval, or a dash when a side is missing.</summary>
    private static string Interval(RowStatistics statistics)
    {
        if (statistics.GainP50 is not { } gain || double.IsNaN(gain.Lower))
        {
            return "-";
        }

        var interval = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{gain.Lower:0.00}-{gain.Upper:0.00}x");
        return gain.TooFewSamples ? interval + " (few samples)" : interval;
    }

    /// <summary>Failed sessions "origin / in region", e.g. "0 / 12"; "?" where run.json did not say.</summary>
    private static string Failures(StudyRow row)
    {
        static string Of(DeploymentSessions? sessions) => sessions is null ? "-" : sessions.Failed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
        return $"{Of(row.Origin)} / {Of(row.InRegion)}";
    }

    /// <summary>
    /// The study's thresholds that failed, first screen: a nightly reader must see them before any gain. Null when
    /// none failed (or none were set).
    /// </summary>
    private static ReportCallout? FailedThresholds(RunManifest? manifest)
    {
        var failed = (manifest?.Scenarios ?? []).SelectMany(s => s.Thresholds.Where(t => !t.Passed).Select(t => (s.Name, t))).ToList();
        if (failed.Count == 0)
        {
            return null;
        }

        return new ReportCallout($"{failed.Count} threshold(s) failed.",
            string.Join("; ", failed.Select(f => $"{f.Name}: {f.t.Text}" + (f.t.Observed is { } observed ? $" (observed {observed})" : ""))) +
            ". The run exited 1; every threshold is listed under Thresholds below.");
    }

    private static IEnumerable<ReportBlock> Thresholds(RunManifest? manifest)
    {
        var all = (manifest?.Scenarios ?? []).SelectMany(s => s.Thresholds.Select(t => (s.Name, t))).ToList();
        if (all.Count == 0)
        {
            yield break;
        }

        yield return new ReportParagraph(
            "Each study threshold checked per probe, workload and deployment, on successful sessions' times (errors: failed sessions).");
        yield return new ReportTable(["Scenario", "Threshold", "Observed", "Result"],
            all.Select(a => (IReadOnlyList<string>)[a.Name, a.t.Text, a.t.Observed ?? "-", a.t.Passed ? "passed" : "FAILED"]).ToList(),
            new HashSet<int>());
    }

    private static IEnumerable<ReportBlock> Details(IReadOnlyList<RowStatistics> statistics)
    {
        if (statistics.Count == 0)
        {
            yield break;
        }

        var perDeployment = new List<ReportBlock>();
        perDeployment.Add(new ReportParagraph(
            "Sample counts are successful sessions (the histogram); failed sessions come from run.json. " +
            "p50 and p95 come with their 95% confidence interval in parentheses (Harrell-Davis with the Maritz-Jarrett interval up to " +
            $"{ReportFormat.Count(Statistics.HarrellDavisQuantileWithCi.MaxCount)} sessions, order statistics with the binomial interval above), " +
            "so they can differ slightly from the first table's sample quantiles where sessions cluster at a few values. " +
            $"\"few samples\": fewer sessions than a 95% interval needs ({ReportFormat.Count(Statistics.SampleSizeRule.MinimumCount(0.5))} for p50, " +
            $"{ReportFormat.Count(Statistics.SampleSizeRule.MinimumCount(0.95))} for p95), so the interval is narrower than it claims. " +
            "Mean: the mean session time, which the phase charts split along the critical path (means of parts add up to the " +
            "mean of the whole; medians do not). The gains of these deployments at p50, p95 and p99 are in the next section."));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in statistics)
        {
            var r = s.Row;
            foreach (var (sessions, quantiles, role) in new[] { (r.Origin, s.Origin, "origin"), (r.InRegion, s.InRegion, "in region") })
            {
                if (sessions is null)
                {
                    continue;
                }

                rows.Add([r.Scenario, sessions.Deployment, role, ReportFormat.Count(sessions.Count), ReportFormat.Count(sessions.Failed),
                    ReportFormat.Ms(quantiles?.P50), ReportFormat.Ms(quantiles?.P95), sessions.Count == 0 ? "-" : ReportFormat.Ms(sessions.MeanUs)]);
            }
        }

        perDeployment.Add(new ReportTable(
            ["Scenario", "Deployment", "Role", "Sessions", "Failed", "p50 (ms, 95% CI)", "p95 (ms, 95% CI)", "Mean (ms)"], rows,
            new HashSet<int> { 3, 4, 5, 6, 7 }));
        yield return new ReportDetails("Sessions per deployment", perDeployment);

        var gains = new List<ReportBlock>();
        gains.Add(new ReportParagraph(
            "Gain = origin quantile / in-region quantile of the session times, with its 95% percentile-bootstrap interval in " +
            $"parentheses ({ReportFormat.Count(new Statistics.QuantileRatioBootstrap().Replicates)} replicates; each draws the resampled " +
            "sessions' order statistics from beta distributions, the same as resampling every session). Quantiles here are the " +
            "Hyndman-Fan definition 7 of the recorded successful sessions, the same as in the first table. \"few samples\": a side has fewer sessions than a 95% interval of that quantile needs " +
            $"({ReportFormat.Count(Statistics.SampleSizeRule.MinimumCount(0.95))} for p95, {ReportFormat.Count(Statistics.SampleSizeRule.MinimumCount(0.99))} for p99)."));
        gains.Add(new ReportTable(
            ["Country", "Workload", "In region", "Gain p50 (95% CI)", "Gain p95 (95% CI)", "Gain p99 (95% CI)"],
            statistics.Select(s => (IReadOnlyList<string>)
            [
                s.Row.Country, WorkloadLabel.Of(s.Row.Workload), s.Row.InRegion?.Deployment ?? "-",
                ReportFormat.Gain(s.Gain(0.5)), ReportFormat.Gain(s.Gain(0.95)), ReportFormat.Gain(s.Gain(0.99)),
            ]).ToList(),
            new HashSet<int> { 3, 4, 5 }));
        yield return new ReportDetails("Speed gain at p50, p95 and p99", gains);
    }

    private static IEnumerable<ReportBlock> Calibration(CalibrationTable? calibration)
    {
        if (calibration is null)
        {
            yield return new ReportParagraph("No calibration.json in the run directory: run `latency calibrate --out RUN_DIR` to add one.");
            yield break;
        }

        yield return new ReportParagraph(
            $"World {calibration.World ?? "?"}, profile {calibration.Profile ?? "?"}, backend {calibration.Backend?.Name() ?? "?"}" +
            (calibration.MeasuredUtc is { } t ? $", measured {ReportFormat.Time(t)}" : "") +
            ". Configured path model next to what was measured (ms, Mbit/s, %).");
        if (EmulatorOverhead(calibration) is { } overhead)
        {
            yield return new ReportParagraph(overhead);
        }

        yield return new ReportTable(
            ["Probe", "Deployment", "RTT configured", "Connect p50", "Connect p99", "Request p50", "Down conf.", "Down meas.", "Up conf.", "Up meas.",
                "Loss up conf./meas.", "Loss down conf./meas.", "Notes"],
            calibration.Paths.Select(p => (IReadOnlyList<string>)
            [
                p.Probe, p.Deployment, ReportFormat.Number(p.ConfiguredRttMs), ReportFormat.Number(p.ConnectP50Ms, "0.00"),
                ReportFormat.Number(p.ConnectP99Ms, "0.00"), ReportFormat.Number(p.RequestP50Ms, "0.00"),
                ReportFormat.Number(p.ConfiguredDownMbps), ReportFormat.Number(p.MeasuredDownMbps),
                ReportFormat.Number(p.ConfiguredUpMbps), ReportFormat.Number(p.MeasuredUpMbps),
                $"{ReportFormat.Number(p.ConfiguredLossUpPct, "0.##")} / {ReportFormat.Number(p.MeasuredLossUpPct, "0.##")}",
                $"{ReportFormat.Number(p.ConfiguredLossDownPct, "0.##")} / {ReportFormat.Number(p.MeasuredLossDownPct, "0.##")}",
                string.Join("; ", p.Notes),
            ]).ToList(),
            new HashSet<int> { 2, 3, 4, 5, 6, 7, 8, 9 });
        if (calibration.Radio.Count > 0)
        {
            yield return new ReportParagraph(
                "Handset radio: TCP connects from handsets whose radio was idle against the same handsets right after; the " +
                "difference of medians is the promotion. Tail: a connect after 0.9 x the configured tail should find the radio " +
                "still connected, one after 1.1 x idle again.");
            yield return new ReportTable(
                ["Probe", "Deployment", "Promotion configured", "Promotion measured", "Idle connect p50", "Active connect p50", "Handsets",
                    "Tail configured", "Promoted at 0.9 x / 1.1 x tail"],
                calibration.Radio.Select(r => (IReadOnlyList<string>)
                [
                    r.Probe, r.Deployment, ReportFormat.Number(r.ConfiguredPromotionMs), ReportFormat.Number(r.MeasuredPromotionMs),
                    ReportFormat.Number(r.IdleConnectP50Ms), ReportFormat.Number(r.ActiveConnectP50Ms), ReportFormat.Count(r.Samples),
                    ReportFormat.Number(r.ConfiguredTailMs, "0"), $"{YesNo(r.PromotedBeforeTail)} / {YesNo(r.PromotedAfterTail)}",
                ]).ToList(),
                new HashSet<int> { 2, 3, 4, 5, 6, 7 });
        }
    }

    private static string YesNo(bool? value) => value is { } v ? (v ? "yes" : "no") : "-";

    /// <summary>
    /// One paragraph on the emulator's own time: what it measured at start and takes off every packet's delay, what
    /// calibration found left of it, and how late it released packets. Null when the file says nothing of it.
    /// </summary>
    private static string? EmulatorOverhead(CalibrationTable calibration)
    {
        var parts = new List<string>();
        if (calibration.Emulator?.Compensation is { Up: { } up, Down: { } down } compensation)
        {
            parts.Add($"The emulator's own forwarding time, measured when the world came up ({compensation.Probe}/{compensation.Deployment}), " +
                      $"was {ReportFormat.Number(up.MedianMs, "0.000")} ms up and {ReportFormat.Number(down.MedianMs, "0.000")} ms down (medians); " +
                      "it is taken off every packet's configured one-way delay, so paths read as configured.");
        }

        if (calibration.ResidualOverhead is { Up: { } residualUp, Down: { } residualDown })
        {
            parts.Add($"Measured again at calibration, {ReportFormat.Number(residualUp.MedianMs, "0.000")} ms up and " +
                      $"{ReportFormat.Number(residualDown.MedianMs, "0.000")} ms down were left.");
        }

        if (calibration.Emulator is { LatenessP50Us: { } p50, LatenessP99Us: { } p99, Forwarded: > 0 } emulator)
        {
            parts.Add($"Packets left the emulator {ReportFormat.Number(p50, "0.0")} us after their due time at the median and " +
                      $"{ReportFormat.Number(p99, "0.0")} us at p99 ({emulator.Forwarded.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} packets).");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string RadioText(StudyInfo study) =>
        study is { HandsetSessions: { } sessions, HandsetShortfalls: { } shortfalls }
            ? $"radio {study.Radio} ({ReportFormat.Number(shortfalls, "N0")} of {ReportFormat.Number(sessions, "N0")} sessions found no handset idle as long as their workload's idle_before asked)"
            : $"radio {study.Radio}";

    // A distributed run: which host ran each probe, its clock, and how its part ended (the harness load above is the
    // busiest agent's).
    private static IEnumerable<string> DistributedItems(DistributedInfo distributed)
    {
        yield return $"Distributed run {distributed.RunId}, coordinated from {distributed.Coordinator}; the harness load above is the busiest agent's";
        foreach (var agent in distributed.Agents)
        {
            var share = agent.ShareCount > 1 ? $", arrivals {agent.ShareIndex + 1} of every {agent.ShareCount}" : "";
            var clock = agent.ClockOffsetMs is { } offset
                ? $"clock offset {ReportFormat.Number(offset, "0.###")} ms (+/- {ReportFormat.Number(agent.ClockUncertaintyMs ?? 0, "0.###")} ms)"
                : "clock offset not measured";
            yield return $"Agent {agent.Name} ({agent.Probe}{share}) on {agent.Host}, {agent.Version}: {clock}; " +
                         agent.Status.ToString().ToLowerInvariant() + (agent.StatusReason is { } reason ? $" ({reason})" : "");
        }

        foreach (var note in distributed.Notes)
        {
            yield return "Note: " + note;
        }
    }

    private static IEnumerable<ReportBlock> Run(RunData run, NetworkBackend? backend)
    {
        yield return new ReportHeading(3, "Run");
        var manifest = run.Manifest;
        var items = new List<string>
        {
            $"Status: {(manifest is null ? "unknown (run.json not read)" : manifest.Status.ToString().ToLowerInvariant() + (manifest.StatusReason is { } reason ? $" ({reason})" : ""))}",
            $"Network backend: {backend?.Name() ?? "unknown"}" + (backend == NetworkBackend.Relay ? " (packet loss not modelled)" : ""),
        };
        if (manifest is not null)
        {
            items.Add($"Suite: {manifest.Suite.Name}" + (manifest.Suite.File is { } file ? $" ({file})" : ""));
            if (manifest.Study is { } study)
            {
                // Older runs recorded no radio: their line stays as it was.
                items.Add($"Study: {study.Name ?? "-"}, world {study.World ?? "-"}, profile {study.Profile ?? "-"}" + (study.Radio is null ? "" : ", " + RadioText(study)));
            }

            items.Add($"Started {ReportFormat.Time(manifest.StartedUtc)}, ended {ReportFormat.Time(manifest.EndedUtc)} " +
                      $"({ReportFormat.Number((manifest.EndedUtc - manifest.StartedUtc).TotalSeconds, "0")} s)");
            items.AddRange(manifest.Harness is { } harness
                ? HarnessLoad.Items(harness)
                : ["Harness load: not recorded (a run from a version before client CPU and emulator lateness were recorded)"]);
            if (manifest.Distributed is { } distributed)
            {
                items.AddRange(DistributedItems(distributed));
            }
        }

        items.Add($"Run directory: {run.Directory}");
        yield return new ReportList(items);
        if (manifest?.Harness is { } recorded)
        {
            var concerns = HarnessLoad.Concerns(recorded);
            yield return new ReportParagraph(concerns.Count == 0
                ? $"Harness load within the limits: nothing suggests the harness was the bottleneck. Rule: {HarnessLoad.Rule}."
                : $"The harness may have been the bottleneck: {string.Join("; ", concerns)}. Rule: {HarnessLoad.Rule}.");
        }
    }

    private static IEnumerable<ReportBlock> Errors(RunManifest? manifest, IReadOnlyList<RunDirectoryProblem> problems, StudySummary summary)
    {
        yield return new ReportHeading(3, "Errors and dropped sessions");
        var scenarios = manifest?.Scenarios ?? [];
        var rows = scenarios
            .Where(s => s.Iterations.Failed > 0 || s.Iterations.Dropped > 0 || s.Errors.Count > 0)
            .Select(s => (IReadOnlyList<string>)
            [
                s.Name, ReportFormat.Count(s.Iterations.Completed), ReportFormat.Count(s.Iterations.Failed), ReportFormat.Count(s.Iterations.Dropped),
                s.Errors.Count == 0 ? "-" : string.Join(", ", s.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}")),
            ]).ToList();
        if (rows.Count == 0)
        {
            yield return new ReportParagraph(manifest is null ? "Unknown: run.json was not read." : "No failed or dropped iterations.");
        }
        else
        {
            yield return new ReportTable(["Scenario", "Completed", "Failed", "Dropped", "Errors"], rows, new HashSet<int> { 1, 2, 3 });
        }

        if (problems.Count > 0)
        {
            yield return new ReportHeading(4, "Problems");
            yield return new ReportList(problems.Select(p => p.ToString()).ToList());
        }

        if (summary.Notes.Count > 0)
        {
            yield return new ReportHeading(4, "Notes");
            yield return new ReportList(summary.Notes);
        }
    }

    private static IEnumerable<ReportBlock> Environment(RunManifest? manifest)
    {
        if (manifest is null)
        {
            yield break;
        }

        yield return new ReportHeading(3, "Environment");
        var e = manifest.Environment;
        yield return new ReportList(
        [
            $"Machine: {e.MachineName}, {e.ProcessorCount} processors",
            $"OS: {e.Os}",
            $".NET: {e.DotnetVersion}",
            $"Tool: {manifest.Tool.Name} {manifest.Tool.Version}",
        ]);
    }

    private static string Ms(DeploymentSessions sessions, bool p95 = false) =>
        sessions.Count == 0 ? "-" : ReportFormat.Ms(p95 ? sessions.P95Us : sessions.P50Us);



    private static string Capitalize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
