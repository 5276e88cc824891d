using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Latency.Bench.Publish;

namespace Latency.Tests.Publish;

/// <summary>
/// The signer against the AWS SigV4 test suite (SigV4Vectors/README.md names the source): the suite's request, signed
/// by our code path at the suite's time with its credentials, must carry exactly the suite's Authorization header.
/// </summary>
public sealed class SigV4SignerTests
{
    [Theory]
    [InlineData("post-x-www-form-urlencoded")]
    [InlineData("post-x-www-form-urlencoded-parameters")]
    public void Sign_SuiteVector_AuthorizationAsTheSuiteSigned(string vector)
    {
        var folder = Path.Combine(RepositoryPaths.Root(), "tests", "Latency.Tests", "Publish", "SigV4Vectors", vector);
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "context.json")));
        var root = context.RootElement;
        var credentials = new ImmutableCredentials(root.GetProperty("credentials").GetProperty("access_key_id").GetString(),
            root.GetProperty("credentials").GetProperty("secret_access_key").GetString(), null);
        var signedAt = DateTime.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var (request, _) = ParseRequest(File.ReadAllText(Path.Combine(folder, "request.txt")));
        var (_, signedHeaders) = ParseRequest(File.ReadAllText(Path.Combine(folder, "header-signed-request.txt")));

        var signature = SigV4Signer.Sign(request, credentials, root.GetProperty("region").GetString()!,
            root.GetProperty("service").GetString()!, signedAt);

        Assert.Equal(Header(signedHeaders, "Authorization"), signature["Authorization"]);
        Assert.Equal(Header(signedHeaders, "X-Amz-Date"), signature["X-Amz-Date"]);
        Assert.Equal(Header(signedHeaders, "x-amz-content-sha256"), signature["X-Amz-Content-SHA256"]);
    }

    [Fact]
    public void Sign_SameRequestOtherSecretOrBody_SignatureDiffers()
    {
        var request = new SigV4Request("POST", new Uri("https://monitoring.ap-south-1.amazonaws.com/"),
            [new("Content-Type", "application/x-amz-json-1.0"), new("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData")],
            Encoding.UTF8.GetBytes("{}"));
        var at = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);
        var one = SigV4Signer.Sign(request, new ImmutableCredentials("AKID", "secret-one", null), "ap-south-1", "monitoring", at);
        var otherSecret = SigV4Signer.Sign(request, new ImmutableCredentials("AKID", "secret-two", null), "ap-south-1", "monitoring", at);
        var otherBody = SigV4Signer.Sign(request with { Body = Encoding.UTF8.GetBytes("{ }") },
            new ImmutableCredentials("AKID", "secret-one", null), "ap-south-1", "monitoring", at);

        Assert.NotEqual(one["Authorization"], otherSecret["Authorization"]);
        Assert.NotEqual(one["Authorization"], otherBody["Authorization"]);
        Assert.Contains("Credential=AKID/20261202/ap-south-1/monitoring/aws4_request", one["Authorization"], StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target", one["Authorization"], StringComparison.Ordinal);
        Assert.DoesNotContain("secret-one", one.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", one.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_TemporaryCredentials_TokenSentAndSigned()
    {
        var request = new SigV4Request("POST", new Uri("http://127.0.0.1:4566/"), [new("Content-Type", "application/x-amz-json-1.0")], [1, 2]);

        var signature = SigV4Signer.Sign(request, new ImmutableCredentials("ASIA", "secret", "session-token"), "us-east-1", "monitoring",
            new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal("session-token", signature["X-Amz-Security-Token"]);
        Assert.Contains(";x-amz-security-token", signature["Authorization"], StringComparison.Ordinal);
        Assert.Null(signature["host"]); // HttpClient writes Host from the URL, the same value the signature covers
    }

    private static (SigV4Request Request, IReadOnlyList<KeyValuePair<string, string>> Headers) ParseRequest(string text)
    {
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = (split < 0 ? text : text[..split]).Split('\n');
        var body = split < 0 ? "" : text[(split + 2)..];
        var method = head[0].Split(' ')[0];
        var path = head[0].Split(' ')[1];
        var headers = head.Skip(1).Select(line => line.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        var host = Header(headers, "Host");
        var request = new SigV4Request(method, new Uri($"https://{host}{path}"),
            headers.Where(h => !string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)).ToList(), Encoding.UTF8.GetBytes(body));
        return (request, headers);
    }

    private static string Header(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        headers.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
