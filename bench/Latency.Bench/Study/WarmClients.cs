using System.Collections.Concurrent;
using Latency.Bench.Http;

namespace Latency.Bench.Study;

/// <summary>
/// Long-lived clients for <c>warm</c> sessions (an HTTP/2 connection the phone keeps open, e.g. for push): one per
/// target and handset (sessions send from the probe's handsets when the study models the radio), opened with an
/// unmeasured request the first time it is needed, disposed with the run.
/// </summary>
/// <remarks>
/// Bounded by construction: at most one per (target, handset), and a probe has a fixed set of handsets (at most
/// 1,000; the pool hands out the fewest it can, so a run uses about its session rate times the radio's tail timer).
/// </remarks>
public sealed class WarmClients : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HandsetHttpClient>>> _clients = new(StringComparer.Ordinal);

    /// <summary>Whether the client of <paramref name="key"/> has been opened (or is opening).</summary>
    /// <param name="key">As given to <see cref="GetAsync"/>.</param>
    public bool Contains(string key) => _clients.ContainsKey(key);

    /// <summary>How many clients have been opened (or are opening).</summary>
    public int Count => _clients.Count;

    public Task<HandsetHttpClient> GetAsync(string key, SessionTarget target, Version httpVersion, CancellationToken cancellationToken) =>
        _clients.GetOrAdd(key, _ => new Lazy<Task<HandsetHttpClient>>(async () =>
        {
            var client = new HandsetHttpClient(target.Settings with { HttpVersion = httpVersion });
            var opened = await client.SendAsync(HttpMethod.Get, new Uri(target.BaseUrl, "health"), null, 0, TimeSpan.FromSeconds(30), cancellationToken)
                .ConfigureAwait(false);
            // It reaches the deployment like any session request, so residency counts it.
            target.Flow?.Count(opened);
            return client;
        })).Value;

    public void Dispose()
    {
        foreach (var lazy in _clients.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result.Dispose();
            }
        }
    }
}
