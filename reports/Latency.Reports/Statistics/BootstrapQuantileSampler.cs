using MathNet.Numerics.Distributions;

namespace Latency.Reports.Statistics;

/// <summary>
/// The Hyndman &amp; Fan definition 7 quantiles of one bootstrap resample of a histogram, drawn without drawing the
/// resample. The order statistics of n values resampled with replacement from the empirical distribution F_n are
/// X*(k) = F_n⁻¹(U(k)), with U(1) &lt;= ... &lt;= U(n) the order statistics of n independent uniforms and
/// U(k) ~ Beta(k, n - k + 1) (David &amp; Nagaraja 2003, "Order Statistics", §2.2; the representation Maritz &amp;
/// Jarrett 1978, "A note on estimating the variance of the sample median", JASA 73, use for the bootstrap of the
/// median). Several ranks k₁ &lt; k₂ &lt; ... are drawn jointly in ascending order by the Markov property of uniform
/// order statistics (Rényi 1953): given U(k₁) = u, U(k₂) = u + (1 - u) B with B ~ Beta(k₂ - k₁, n - k₂ + 1).
/// </summary>
/// <remarks>
/// <para>A quantile at probability p interpolates X*(l) and X*(l + 1), l = ⌊(n - 1)p + 1⌋, so a replicate draws one
/// beta per rank that the asked probabilities need (at most two each) and looks each up in the cumulative counts:
/// O(ranks x log buckets) instead of a multinomial draw over every bucket, with exactly the distribution resampling the
/// values would give. All probabilities of one replicate share one resample, as they would with the values.</para>
/// <para>Betas come from Math.NET Numerics (X / (X + Y) of two gammas drawn by Marsaglia &amp; Tsang 2000, "A simple
/// method for generating gamma variables", ACM TOMS 26(3)), which keeps double precision at the shapes of 1e8-1e9 that
/// ranks of hundreds of millions of values give (BetaAndGammaSamplingTests). Perfolizer 0.6.1 has no gamma generator,
/// and its beta one inverts the incomplete beta function numerically: 14-60 µs a draw against 0.1-0.4 µs (measured at
/// shapes 15 to 5e8), over a second per report comparison.</para>
/// </remarks>
internal sealed class BootstrapQuantileSampler
{
    private readonly double[] _values;
    private readonly long[] _cumulativeCounts;
    private readonly long _count;
    private readonly Random _random;

    /// <summary>The distinct 1-based ranks the probabilities need, ascending.</summary>
    private readonly long[] _ranks;

    /// <summary>Per probability: the index in <see cref="_ranks"/> of its lower rank l.</summary>
    private readonly int[] _lowerRankIndexes;

    /// <summary>Per probability: the weight of X*(l + 1), (n - 1)p + 1 - l; 0 when no interpolation is needed.</summary>
    private readonly double[] _fractions;

    /// <summary>This replicate's X*(k), one per rank of <see cref="_ranks"/>.</summary>
    private readonly double[] _orderStatistics;

    public BootstrapQuantileSampler(HistogramBuckets buckets, IReadOnlyList<double> probabilities, Random random)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (buckets.TotalCount == 0)
        {
            throw new ArgumentException("a resample of no values has no quantiles", nameof(buckets));
        }

        _values = buckets.ValueArray;
        _count = buckets.TotalCount;
        _random = random;
        _cumulativeCounts = new long[_values.Length];
        long cumulative = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            cumulative += buckets.CountArray[i];
            _cumulativeCounts[i] = cumulative;
        }

        var lowerRanks = new long[probabilities.Count];
        _fractions = new double[probabilities.Count];
        var ranks = new SortedSet<long>();
        for (var i = 0; i < probabilities.Count; i++)
        {
            var h = (_count - 1) * probabilities[i] + 1;
            var lower = Math.Min((long)Math.Floor(h), _count);
            lowerRanks[i] = lower;
            ranks.Add(lower);
            if (h > lower && lower < _count)
            {
                _fractions[i] = h - lower;
                ranks.Add(lower + 1);
            }
        }

        _ranks = ranks.ToArray();
        _lowerRankIndexes = lowerRanks.Select(rank => Array.BinarySearch(_ranks, rank)).ToArray();
        _orderStatistics = new double[_ranks.Length];
    }

    /// <summary>Fills <paramref name="quantiles"/> with one resample's quantile at each probability, in their order.</summary>
    public void Sample(Span<double> quantiles)
    {
        var u = 0.0;
        var previousRank = 0L;
        for (var i = 0; i < _ranks.Length; i++)
        {
            var rank = _ranks[i];
            u += (1 - u) * Beta.Sample(_random, rank - previousRank, _count - rank + 1);
            previousRank = rank;
            _orderStatistics[i] = InverseCdf(u);
        }

        for (var i = 0; i < _fractions.Length; i++)
        {
            var lower = _orderStatistics[_lowerRankIndexes[i]];
            quantiles[i] = _fractions[i] == 0 ? lower : lower + _fractions[i] * (_orderStatistics[_lowerRankIndexes[i] + 1] - lower);
        }
    }

    /// <summary>
    /// F_n⁻¹(u) = x(⌈un⌉): the value of the first bucket whose cumulative count reaches ⌈un⌉, by binary search. The
    /// rank is clamped to [1, n] for u = 0 or a u that rounding put a hair past 1.
    /// </summary>
    private double InverseCdf(double u)
    {
        var rank = Math.Clamp((long)Math.Ceiling(u * _count), 1, _count);
        int low = 0, high = _cumulativeCounts.Length - 1;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (_cumulativeCounts[middle] >= rank)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return _values[low];
    }
}
