using System.Net;
using Latency.Scenarios.Worlds;

namespace Latency.World.Relay;

/// <summary>
/// The emulated world without root: one <see cref="PathRelay"/> per (probe, deployment) path, all on loopback,
/// sharing one precise timer thread. Clients of a probe reach a deployment through <see cref="EndpointFor"/>.
/// </summary>
public sealed class RelayWorld : IAsyncDisposable
{
    private readonly DueTimer _timer;
    private readonly Dictionary<(string Probe, string Deployment), PathRelay> _relays;

    private RelayWorld(DueTimer timer, Dictionary<(string, string), PathRelay> relays)
    {
        _timer = timer;
        _relays = relays;
    }

    /// <summary>Every relay, one per path.</summary>
    public IReadOnlyCollection<PathRelay> Relays => _relays.Values;

    /// <summary>
    /// Starts a relay for each of <paramref name="paths"/>, relaying to the endpoint <paramref name="deployments"/>
    /// gives for the path's deployment.
    /// </summary>
    /// <exception cref="ArgumentException">A path names a deployment with no endpoint, or a path appears twice
    /// (all such problems in one message).</exception>
    public static Task<RelayWorld> StartAsync(
        IEnumerable<PathSpec> paths, IReadOnlyDictionary<string, IPEndPoint> deployments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(deployments);
        var list = paths.ToList();
        var errors = list.Where(p => !deployments.ContainsKey(p.Deployment))
            .Select(p => $"path {p.Probe} -> {p.Deployment}: no endpoint for deployment '{p.Deployment}'")
            .Concat(list.GroupBy(p => (p.Probe, p.Deployment)).Where(g => g.Count() > 1)
                .Select(g => $"path {g.Key.Probe} -> {g.Key.Deployment} appears {g.Count()} times"))
            .ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(paths));
        }

        var timer = new DueTimer();
        var relays = new Dictionary<(string, string), PathRelay>();
        try
        {
            ulong seed = 1;
            foreach (var path in list)
            {
                cancellationToken.ThrowIfCancellationRequested();
                relays.Add((path.Probe, path.Deployment), new PathRelay(path, deployments[path.Deployment], timer, ownsTimer: false, seed++));
            }
        }
        catch
        {
            // Nothing is left listening when start-up fails half way.
            foreach (var relay in relays.Values)
            {
                relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            timer.Dispose();
            throw;
        }

        return Task.FromResult(new RelayWorld(timer, relays));
    }

    /// <summary>The loopback endpoint a client in <paramref name="probe"/> connects to for <paramref name="deployment"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such path.</exception>
    public IPEndPoint EndpointFor(string probe, string deployment) =>
        _relays.TryGetValue((probe, deployment), out var relay)
            ? relay.LocalEndpoint
            : throw new KeyNotFoundException($"no path from probe '{probe}' to deployment '{deployment}'");

    /// <summary>Stops every relay (their connections closed and ended) and the timer thread.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var relay in _relays.Values)
        {
            await relay.DisposeAsync().ConfigureAwait(false);
        }

        _timer.Dispose();
    }
}
