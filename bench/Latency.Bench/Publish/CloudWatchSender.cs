using System.IO.Compression;
using System.Net.Http.Headers;
using Amazon.Runtime;
using Polly;
using Polly.Retry;

namespace Latency.Bench.Publish;

/// <summary>
/// Sends CloudWatch calls in the AWS JSON 1.0 protocol (<c>POST /</c>, <c>Content-Type: application/x-amz-json-1.0</c>,
/// <c>X-Amz-Target: GraniteServiceVersion20100801.OPERATION</c>), each attempt signed anew by
/// <see cref="SigV4Signer"/> (a retried request must carry a fresh date), retried by a Polly pipeline on throttling,
/// 5xx and lost connections, never on a validation error. Credentials and signatures never leave this class: messages
/// it returns have the secret scrubbed, and it writes nothing.
/// </summary>
public sealed class CloudWatchSender
{
    /// <summary>The JSON 1.0 protocol's target prefix for CloudWatch (the service model's <c>targetPrefix</c>).</summary>
    public const string TargetPrefix = "GraniteServiceVersion20100801";

    private const string ContentType = "application/x-amz-json-1.0";
    private readonly HttpClient _http;
    private readonly CloudWatchTarget _target;
    private readonly Func<CancellationToken, Task<ImmutableCredentials>> _credentials;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<CloudWatchResponse> _pipeline;

    /// <param name="http">The client to send with (its timeout bounds each attempt).</param>
    /// <param name="target">The region and endpoint.</param>
    /// <param name="credentials">Gets the credentials for each attempt (they may be refreshed, e.g. an instance role's).</param>
    /// <param name="retry">How to retry.</param>
    /// <param name="time">The clock for signing dates and retry delays.</param>
    /// <param name="onRetry">Told of each retry: the operation, the failed attempt's answer and the wait before the next.</param>
    public CloudWatchSender(HttpClient http, CloudWatchTarget target, Func<CancellationToken, Task<ImmutableCredentials>> credentials,
        CloudWatchRetry retry, TimeProvider time, Action<CloudWatchResponse, TimeSpan>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _pipeline = new ResiliencePipelineBuilder<CloudWatchResponse> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<CloudWatchResponse>
            {
                ShouldHandle = new PredicateBuilder<CloudWatchResponse>().HandleResult(r => r.Retryable),
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Result!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Calls <paramref name="operation"/> with <paramref name="body"/>, retrying as configured.</summary>
    /// <param name="operation">The operation, e.g. <c>PutMetricData</c>.</param>
    /// <param name="body">The JSON body, uncompressed.</param>
    /// <param name="gzip">Send the body gzip-compressed (<c>Content-Encoding: gzip</c>, which PutMetricData accepts);
    /// signed over the compressed bytes, as they go on the wire.</param>
    /// <param name="cancellationToken">Stops waiting and sending.</param>
    public async Task<CloudWatchResponse> SendAsync(string operation, byte[] body, bool gzip, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(body);
        var wire = gzip ? Compress(body) : body;
        var attempts = 0;
        return await _pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            var response = await SendOnceAsync(operation, wire, gzip, token).ConfigureAwait(false);
            return response with { Attempts = attempts };
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CloudWatchResponse> SendOnceAsync(string operation, byte[] wire, bool gzip, CancellationToken cancellationToken)
    {
        var credentials = await _credentials(cancellationToken).ConfigureAwait(false);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", ContentType),
            new("X-Amz-Target", $"{TargetPrefix}.{operation}"),
        };
        if (gzip)
        {
            headers.Add(new("Content-Encoding", "gzip"));
        }

        var signature = SigV4Signer.Sign(new SigV4Request("POST", _target.Endpoint, headers, wire), credentials, _target.Region,
            CloudWatchTarget.Service, _time.GetUtcNow().UtcDateTime);
        using var request = new HttpRequestMessage(HttpMethod.Post, _target.Endpoint);
        var content = new ByteArrayContent(wire);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        request.Content = content;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{TargetPrefix}.{operation}");
        foreach (var (name, value) in signature.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new CloudWatchResponse((int)response.StatusCode, null, null, 1);
            }

            var (code, message) = CloudWatchError.Parse(response.Headers, text);
            return new CloudWatchResponse((int)response.StatusCode, code, Scrub(message, credentials), 1);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer (refused, reset, timed out): worth another try, and said plainly if all tries end so.
            return new CloudWatchResponse(0, null, Scrub(ex is TaskCanceledException ? $"no answer within {_http.Timeout.TotalSeconds:0} s" : ex.Message, credentials), 1);
        }
    }

    /// <summary>The service never echoes a secret, but a proxy or a test endpoint might: it must not reach output.</summary>
    private static string? Scrub(string? message, ImmutableCredentials credentials) =>
        message is null || string.IsNullOrEmpty(credentials.SecretKey) ? message : message.Replace(credentials.SecretKey, "[secret]", StringComparison.Ordinal);

    private static byte[] Compress(byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
        {
            gzip.Write(body);
        }

        return compressed.ToArray();
    }
}
