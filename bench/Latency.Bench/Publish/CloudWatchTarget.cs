using Amazon;

namespace Latency.Bench.Publish;

/// <summary>
/// Where CloudWatch requests go and how they are signed: the region (the signature's scope) and the endpoint URL. The
/// endpoint is the region's own (<c>https://monitoring.REGION.amazonaws.com</c>; in China, a separate partition,
/// <c>https://monitoring.cn-north-1.amazonaws.com.cn</c>) unless one is given, e.g. a VPC endpoint or a test server.
/// </summary>
/// <param name="Region">The region, e.g. <c>ap-south-1</c>.</param>
/// <param name="Endpoint">The URL requests are posted to.</param>
/// <param name="Partition">The AWS partition of the region: <c>aws</c>, <c>aws-cn</c>, ... (credentials of one do not
/// work in another).</param>
public sealed record CloudWatchTarget(string Region, Uri Endpoint, string Partition)
{
    /// <summary>CloudWatch's signing name and endpoint prefix.</summary>
    public const string Service = "monitoring";

    /// <summary>
    /// The target for <paramref name="region"/> (else the SDK's region chain: <c>AWS_REGION</c>,
    /// <c>AWS_DEFAULT_REGION</c>, the profile) and <paramref name="endpoint"/> (else <c>AWS_ENDPOINT_URL_CLOUDWATCH</c> or
    /// <c>AWS_ENDPOINT_URL</c>, as the SDKs read them, else the region's); null with the
    /// reason when no region is known or the endpoint is not an http(s) URL.
    /// </summary>
    /// <param name="region">The region given on the command line, or null.</param>
    /// <param name="endpoint">The endpoint given on the command line, or null.</param>
    /// <param name="problem">Why there is no target, or null.</param>
    public static CloudWatchTarget? Resolve(string? region, string? endpoint, out string? problem)
    {
        problem = null;
        region ??= RegionFromEnvironment();
        if (string.IsNullOrWhiteSpace(region))
        {
            problem = "no region: pass --region (e.g. ap-south-1) or set AWS_REGION";
            return null;
        }

        // The SDKs' own variables for an endpoint of one service, then of all (a VPC endpoint, a test server).
        endpoint ??= NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_CLOUDWATCH")) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));
        var regionEndpoint = RegionEndpoint.GetBySystemName(region);
        Uri url;
        if (endpoint is null)
        {
            url = new Uri($"https://{Service}.{region}.{regionEndpoint.PartitionDnsSuffix}/");
        }
        else if (!Uri.TryCreate(endpoint, UriKind.Absolute, out url!) || url.Scheme is not ("https" or "http"))
        {
            problem = $"--endpoint: '{endpoint}' is not an http(s) URL";
            return null;
        }

        return new CloudWatchTarget(region, url, regionEndpoint.PartitionName ?? "aws");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// The region from the environment or the shared config profile, without the SDK's last resort (the instance
    /// metadata service), which waits for seconds on a machine that is not in EC2; there, pass --region.
    /// </summary>
    private static string? RegionFromEnvironment()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var chain = new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain();
        var profile = Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default";
        return chain.TryGetProfile(profile, out var found) ? found.Region?.SystemName : null;
    }
}
