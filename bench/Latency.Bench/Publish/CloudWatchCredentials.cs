using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Latency.Bench.Publish;

/// <summary>
/// Credentials from AWSSDK.Core's default chain, in its order: environment (<c>AWS_ACCESS_KEY_ID</c>,
/// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>), the shared profile (<c>AWS_PROFILE</c>, SSO and
/// assume-role included), web identity, then the container's and the instance's role. Refreshing credentials (roles)
/// are asked again before each call, so a long publish never signs with an expired token.
/// </summary>
public static class CloudWatchCredentials
{
    /// <summary>The chain's credentials for <paramref name="target"/>, or null and why none were found (never a secret).</summary>
    /// <param name="target">The region (profiles and roles can depend on it).</param>
    /// <param name="problem">Why there are none, or null.</param>
    public static AWSCredentials? Resolve(CloudWatchTarget target, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(target);
        problem = null;
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(new SigningClientConfig(target.Region, CloudWatchTarget.Service));
        }
        catch (AmazonClientException ex)
        {
            problem = "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE for a profile, or run " +
                      $"where an instance or container role is attached ({ex.Message.Split('\n')[0].Trim()})";
            return null;
        }
    }
}
