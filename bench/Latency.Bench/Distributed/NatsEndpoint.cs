using NATS.Client.Core;

namespace Latency.Bench.Distributed;

/// <summary>
/// Where and how to reach NATS: the server's URL and, for a server that asks for them, a credentials file (JWT and nkey
/// seed, as <c>nsc</c> writes them). TLS follows the URL (<c>tls://</c>) or the server's demand.
/// </summary>
/// <param name="Url">nats://host:port or tls://host:port (several, comma-separated, for a cluster).</param>
/// <param name="CredentialsFile">A .creds file, or null.</param>
public sealed record NatsEndpoint(string Url, string? CredentialsFile = null)
{
    /// <summary>Every problem with the URL and the credentials file, each naming its option (<c>--nats</c>, <c>--creds</c>).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var part in Url.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || string.IsNullOrEmpty(uri.Host))
            {
                problems.Add($"--nats: '{part}' is not a NATS server URL (nats://host:4222 or tls://host:4222)");
            }
        }

        if (CredentialsFile is not null && !File.Exists(CredentialsFile))
        {
            problems.Add($"--creds: {CredentialsFile}: file not found");
        }

        return problems;
    }

    /// <summary>The client's options: this endpoint, the client's name as the server's monitoring shows it, reconnecting for ever.</summary>
    /// <param name="clientName">The name the server lists the connection under.</param>
    public NatsOpts Options(string clientName) => NatsOpts.Default with
    {
        Url = Url,
        Name = clientName,
        AuthOpts = CredentialsFile is null ? NatsAuthOpts.Default : NatsAuthOpts.Default with { CredsFile = CredentialsFile },
        // An agent outlives coordinators and server restarts: keep reconnecting, never give up.
        MaxReconnectRetry = -1,
        // The client's 2 s default failed half of 20 agents starting at once on two cores (the handshake waited for a
        // CPU, not for the network); a server that is not there still refuses at once.
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };
}
