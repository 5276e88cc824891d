using Amazon.Runtime;

namespace Latency.Bench.Publish;

/// <summary>
/// The request object AWSSDK.Core's <c>DefaultRequest</c> insists on. The SDK's generated service packages pass their
/// operation's request class; ours carries nothing, because the body is marshalled by hand (AWSSDK.CloudWatch is not
/// served here).
/// </summary>
internal sealed class SigningRequestModel : AmazonWebServiceRequest;
