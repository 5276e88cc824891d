using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace Latency.Bench.Publish;

/// <summary>
/// The smallest <see cref="ClientConfig"/> AWSSDK.Core's signer reads: it takes the signing region and service name
/// from here (<see cref="ClientConfig.AuthenticationRegion"/>, <see cref="ClientConfig.AuthenticationServiceName"/>).
/// A generated client's config would also resolve endpoints; ours are resolved by <see cref="CloudWatchTarget"/>.
/// </summary>
internal sealed class SigningClientConfig : ClientConfig
{
    /// <param name="region">The region to sign for, e.g. <c>ap-south-1</c>.</param>
    /// <param name="service">The signing name, e.g. <c>monitoring</c>.</param>
    public SigningClientConfig(string region, string service)
        : base(new DefaultConfigurationProvider(new IDefaultConfiguration[] { new DefaultConfiguration { Name = DefaultConfigurationMode.Standard } }))
    {
        AuthenticationRegion = region;
        AuthenticationServiceName = service;
    }

    /// <inheritdoc/>
    public override string RegionEndpointServiceName => AuthenticationServiceName;

    /// <inheritdoc/>
    public override string ServiceVersion => "2010-08-01";

    /// <inheritdoc/>
    public override string UserAgent => "latency";

    /// <inheritdoc/>
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("endpoints are resolved by CloudWatchTarget, not by the SDK");
}
