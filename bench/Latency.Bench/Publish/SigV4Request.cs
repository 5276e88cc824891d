namespace Latency.Bench.Publish;

/// <summary>An HTTP request as SigV4 signs it: method, URL, the headers to sign and the body bytes as sent.</summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Url">The full URL (scheme, host, port, path; no query string is used here).</param>
/// <param name="Headers">Headers sent and signed besides those the signer adds (<c>host</c>, <c>x-amz-date</c>,
/// <c>x-amz-content-sha256</c>): e.g. <c>Content-Type</c>, <c>X-Amz-Target</c>, <c>Content-Encoding</c>.</param>
/// <param name="Body">The body exactly as it goes on the wire (compressed, when it is).</param>
public sealed record SigV4Request(string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
