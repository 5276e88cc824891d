using System.Globalization;
using Latency.World.Runtime;

namespace Latency.Bench.Calibration;

/// <summary>
/// Waits until a world that just came up forwards as configured: rounds of TCP connects on the given paths until every
/// path's median connect time lies within <see cref="Tolerance"/> of its RTT. <c>world up</c> returns once the
/// world's processes said they are ready, but on a 2-core machine they are still compiling their code then, and the
/// first packets leave late; measuring readiness instead of sleeping a fixed time neither waits longer than needed on
/// a quiet machine nor too little on a busy one.
/// </summary>
public static class PathSettling
{
    /// <summary>Connect rounds measured per attempt (after the two warm-up rounds every measurement starts with).</summary>
    private const int RoundsPerAttempt = 3;

    /// <summary>How far a settled path's median connect may lie from its RTT: max(0.5 ms, 1%).</summary>
    public static double Tolerance(double rttMs) => Math.Max(0.5, rttMs * 0.01);

    /// <summary>
    /// Measures the paths of <paramref name="world"/> in interleaved rounds until they settle. Paths with loss are
    /// better left out: a lost SYN costs a second of retransmission timeout and says nothing about readiness.
    /// </summary>
    /// <returns>The attempts it took.</returns>
    /// <exception cref="TimeoutException">A path was still off after <paramref name="timeout"/>; the message gives each path's figure.</exception>
    public static Task<int> WaitAsync(WorldState world, IReadOnlyList<PathState> paths, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return WaitAsync([.. paths.Select(p => (p.Probe + "/" + p.Deployment, p.RttMs))],
            token => PathProbe.InterleavedConnectTimesAsync(world, paths, RoundsPerAttempt, token), timeout, TimeProvider.System, cancellationToken);
    }

    /// <summary>
    /// The waiting itself, with the measurement and the clock given: <paramref name="measure"/> returns each path's
    /// sorted connect times (milliseconds) in the order of <paramref name="paths"/>. At least one attempt is made,
    /// and another as long as <paramref name="timeout"/> has not passed.
    /// </summary>
    /// <param name="paths">Each path's name (for the message) and configured RTT in milliseconds.</param>
    /// <param name="measure">One attempt: connect times per path, sorted.</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="time">The clock the timeout is read from.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The attempts it took.</returns>
    public static async Task<int> WaitAsync(IReadOnlyList<(string Name, double RttMs)> paths, Func<CancellationToken, Task<List<double>[]>> measure,
        TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(time);
        var start = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var times = await measure(cancellationToken).ConfigureAwait(false);
            var medians = times.Select(t => PathProbe.Quantile(t, 0.5)).ToList();
            var off = paths.Select((p, i) => (p.Name, p.RttMs, Median: medians[i]))
                .Where(p => Math.Abs(p.Median - p.RttMs) > Tolerance(p.RttMs)).ToList();
            if (off.Count == 0)
            {
                return attempt;
            }

            if (time.GetElapsedTime(start) >= timeout)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"the world's paths did not settle within {timeout.TotalSeconds:0} s ({attempt} attempts); median connect still off: ") +
                    string.Join(", ", off.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Median:0.000} ms for {p.RttMs:0.###} ms"))));
            }
        }
    }
}
