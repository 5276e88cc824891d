using HdrHistogram;
using Latency.Bench.Recording;
using Latency.Reports.Statistics;
using Latency.Scenarios.Load;

namespace Latency.Bench.Study;

/// <summary>
/// Budget-driven sampling, in the spirit of BenchmarkDotNet's stopping rule: a study cell with a
/// <see cref="StudyCell.MaxSessionsPerMinute"/> runs at that rate until its p50-gain 95% interval is narrower than the
/// study's precision (half-width / gain), then drops to its own rate for the rest of the run; cells that never get
/// there run at the higher rate to the end, and the report names them. The time budget is the study's duration.
/// </summary>
/// <remarks>
/// Why: with one rate per workload, the default study's short workloads ended with intervals such as 1.81-3.81x,
/// and raising every rate enough for the noisiest cells would overload a 2-core machine (the harness, not the network,
/// would then be measured). Spending sessions where the interval is still wide costs far less.
/// The arrivals are drawn at the high rate and thinned when the cell is narrow enough (the engine's
/// <see cref="Load.ScenarioProps.ArrivalFilter"/>, each arrival kept with probability rate / max rate, decided by a hash
/// of the cell's seed and the arrival's index): the pacer stays a pure function, and a thinned Poisson process is a
/// Poisson process at the lower rate. The interval is the report's own estimator (<see cref="QuantileRatioBootstrap"/>)
/// on the sessions recorded so far, evaluated every <see cref="Period"/>.
/// </remarks>
public sealed class AdaptiveSampling
{
    /// <summary>How often the intervals are looked at.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Fewest successful sessions a side needs before its interval is believed (an assumption: below ~20 the
    /// bootstrap of a median is itself unstable; 6 is the least for any 95% interval of a median).
    /// </summary>
    public const int MinimumSessions = 20;

    /// <summary>
    /// A cell goes back to its own rate when its half-width is this share of the target or less (an assumption: the
    /// sessions still in flight and the report's final bootstrap move the figure by a few percent either way; in the
    /// first default run, cells stopped at 14.9% ended at 15.2%).
    /// </summary>
    public const double Margin = 0.9;

    // The report's own estimator, replicates and seed: the figure decided on is the one the report would print.
    private static readonly QuantileRatioBootstrap Bootstrap = new();

    private readonly Dictionary<string, CellState> _cells = new(StringComparer.Ordinal);

    /// <param name="precision">The widest interval wanted, as a share of the gain (0.15 for ±15%).</param>
    /// <param name="cells">The study's cells; those without a max rate, or comparing fewer than two deployments, are not sampled adaptively.</param>
    public AdaptiveSampling(double precision, IEnumerable<StudyCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(precision);
        Precision = precision;
        var workloads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells.Where(c => c.MaxSessionsPerMinute > c.SessionsPerMinute && c.Deployments.Count >= 2))
        {
            var name = StudyScenarioFactory.ScenarioName(cell.Probe, cell.Workload.Name);
            _cells[name] = new CellState(name, cell.Deployments[0], cell.Deployments[1], cell.SessionsPerMinute / cell.MaxSessionsPerMinute!.Value);
            workloads.Add(cell.Workload.Name);
        }

        Workloads = workloads.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The widest interval wanted, as a share of the gain.</summary>
    public double Precision { get; }

    /// <summary>True when <paramref name="cell"/> is sampled adaptively (its arrivals are drawn at its max rate).</summary>
    public bool IsAdaptive(StudyCell cell) =>
        _cells.ContainsKey(StudyScenarioFactory.ScenarioName(cell.Probe, cell.Workload.Name));

    /// <summary>
    /// The arrival filter of an adaptive cell: every arrival while its interval is too wide, then each with
    /// probability rate / max rate; null for other cells.
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="cellSeed">The cell's seed: the same suite thins the same arrivals.</param>
    public Func<long, bool>? Filter(StudyCell cell, int cellSeed)
    {
        if (!_cells.TryGetValue(StudyScenarioFactory.ScenarioName(cell.Probe, cell.Workload.Name), out var state))
        {
            return null;
        }

        return index => !state.Narrow || Keep(cellSeed, index, state.KeepShare);
    }

    /// <summary>Adds the sessions of one engine interval (the engine's <c>OnInterval</c>); other metrics are ignored.</summary>
    public void Observe(IReadOnlyList<(MetricKey Key, HistogramBase Interval)> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        foreach (var (key, interval) in intervals)
        {
            if (key.Kind != MetricKinds.Uncorrected || !_cells.TryGetValue(key.Scenario, out var state))
            {
                continue;
            }

            var side = key.Step == state.Origin ? state.OriginSessions : key.Step == state.InRegion ? state.InRegionSessions : null;
            if (side is null)
            {
                continue;
            }

            lock (state)
            {
                side.Add(interval);
            }
        }
    }

    /// <summary>
    /// Looks at every cell still sampling at its max rate, and lowers those whose interval is now narrow enough
    /// (at most <see cref="Margin"/> x the target).
    /// </summary>
    /// <param name="elapsed">Time since the run started, recorded with each cell that reaches the target.</param>
    public void Evaluate(TimeSpan elapsed)
    {
        foreach (var state in _cells.Values.Where(s => !s.Narrow))
        {
            HistogramBuckets origin, inRegion;
            lock (state)
            {
                origin = HistogramBuckets.From(state.OriginSessions);
                inRegion = HistogramBuckets.From(state.InRegionSessions);
            }

            var halfWidth = HalfWidth(origin, inRegion);
            state.LastHalfWidth = halfWidth;
            if (halfWidth <= Precision * Margin)
            {
                state.ReachedAt = elapsed;
                state.Narrow = true;
            }
        }
    }

    /// <summary>Evaluates every <see cref="Period"/> until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(TimeProvider time, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                Evaluate(time.GetElapsedTime(started));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    /// <summary>The workloads sampled adaptively (those with a max rate), each once, by name.</summary>
    public IReadOnlyList<string> Workloads { get; }

    /// <summary>Each adaptive cell: when (if ever) it reached the target, and its interval's half-width when last looked at.</summary>
    public IReadOnlyList<AdaptiveCellResult> Results =>
        _cells.Values.OrderBy(s => s.Scenario, StringComparer.Ordinal)
            .Select(s => new AdaptiveCellResult(s.Scenario, s.ReachedAt, s.LastHalfWidth)).ToList();

    /// <summary>
    /// Half-width of the p50-gain 95% interval as a share of the gain; +infinity while either side has fewer than
    /// <see cref="MinimumSessions"/> sessions.
    /// </summary>
    public static double HalfWidth(HistogramBuckets origin, HistogramBuckets inRegion)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(inRegion);
        if (origin.TotalCount < MinimumSessions || inRegion.TotalCount < MinimumSessions)
        {
            return double.PositiveInfinity;
        }

        var gain = Bootstrap.Estimate(origin, inRegion, [0.5])[0];
        return double.IsFinite(gain.Gain) && gain.Gain > 0 ? (gain.Upper - gain.Lower) / 2 / gain.Gain : double.PositiveInfinity;
    }

    /// <summary>Whether arrival <paramref name="index"/> is kept when thinning to <paramref name="share"/>: a pure function of the seed and index.</summary>
    public static bool Keep(int cellSeed, long index, double share)
    {
        var hash = (uint)StableSeed.Mix(cellSeed, unchecked((int)index ^ (int)(index >> 32)));
        return hash / 4_294_967_296.0 < share;
    }

    private sealed class CellState(string scenario, string origin, string inRegion, double keepShare)
    {
        public string Scenario { get; } = scenario;
        public string Origin { get; } = origin;
        public string InRegion { get; } = inRegion;
        public double KeepShare { get; } = keepShare;
        public LongHistogram OriginSessions { get; } = NewHistogram();
        public LongHistogram InRegionSessions { get; } = NewHistogram();
        public volatile bool Narrow;
        public TimeSpan? ReachedAt { get; set; }
        public double LastHalfWidth { get; set; } = double.PositiveInfinity;

        private static LongHistogram NewHistogram() => new(
            RunDirectory.RunDirectoryReader.LowestTrackableValueUs, RunDirectory.RunDirectoryReader.HighestTrackableValueUs,
            RunDirectory.RunDirectoryReader.SignificantDigits);
    }
}
