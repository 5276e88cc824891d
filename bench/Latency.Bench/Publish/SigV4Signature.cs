namespace Latency.Bench.Publish;

/// <summary>
/// What signing adds to a request: the headers to send with it (<c>Authorization</c>, <c>X-Amz-Date</c>,
/// <c>X-Amz-Content-SHA256</c> and, for temporary credentials, <c>X-Amz-Security-Token</c>). Its
/// <see cref="ToString"/> hides the values: an <c>Authorization</c> header is a bearer of the request and must never
/// reach output, logs or files.
/// </summary>
/// <param name="Headers">The headers to add, names as AWSSDK.Core writes them.</param>
public sealed record SigV4Signature(IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The header's value, or null.</summary>
    /// <param name="name">The header's name, any case.</param>
    public string? this[string name] => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The header names only.</summary>
    public override string ToString() => $"SigV4Signature {{ {string.Join(", ", Headers.Select(h => h.Key))} }}";
}
