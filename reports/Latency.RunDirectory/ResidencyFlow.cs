namespace Latency.RunDirectory;

/// <summary>
/// Traffic of one study option that reached one deployment (run.json <c>study.residency.flows</c>): the requests
/// its sessions sent there and the body bytes each way, as the harness counted them on its sockets' side; or, when
/// <see cref="Replicated"/>, the share of the user data written to another deployment that a declared copy takes there.
/// </summary>
public sealed record ResidencyFlow
{
    /// <summary>The cell's scenario, <c>&lt;probe&gt;.&lt;workload&gt;</c>.</summary>
    public required string Scenario { get; init; }

    /// <summary>The deployment under test whose sessions these are (the step name), e.g. "mumbai".</summary>
    public required string Option { get; init; }

    /// <summary>Where the traffic went: the option itself, a role's deployment, or a copy's destination.</summary>
    public required string Deployment { get; init; }

    /// <summary>The deployment's jurisdiction, e.g. "CN"; null when neither the world nor the suite says.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>True for a declared copy (asynchronous replication): <see cref="BytesSent"/> then is the copied share.</summary>
    public bool Replicated { get; init; }

    /// <summary>For a copy, the deployment the data was written to.</summary>
    public string? ReplicatedFrom { get; init; }

    /// <summary>Requests answered there (0 for a copy: nobody waited for it).</summary>
    public long Requests { get; init; }

    /// <summary>User data: request body bytes (uploads, credentials, push tokens) that reached it.</summary>
    public long BytesSent { get; init; }

    /// <summary>Response body bytes received from it.</summary>
    public long BytesReceived { get; init; }
}
