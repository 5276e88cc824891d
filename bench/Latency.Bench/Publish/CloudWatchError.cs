using System.Net.Http.Headers;
using System.Text.Json;

namespace Latency.Bench.Publish;

/// <summary>
/// Reads an error answer of the AWS JSON 1.0 protocol: <c>{"__type": "...#Code", "message": "..."}</c> (the code may
/// carry a namespace before '#', the message key may be capitalised), or the code in the <c>x-amzn-query-error</c>
/// header (<c>Code;Sender</c>) that services moved from the query protocol send and that takes precedence.
/// </summary>
public static class CloudWatchError
{
    /// <summary>The error's code and message; either may be null when the answer does not say.</summary>
    /// <param name="headers">The response's headers.</param>
    /// <param name="body">The response's body.</param>
    public static (string? Code, string? Message) Parse(HttpResponseHeaders headers, string body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? code = null;
        string? message = null;
        if (headers.TryGetValues("x-amzn-query-error", out var queryError) && queryError.FirstOrDefault() is { Length: > 0 } header)
        {
            code = header.Split(';')[0];
        }

        try
        {
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    if (code is null && property.NameEquals("__type"))
                    {
                        var type = property.Value.GetString()!;
                        code = type[(type.LastIndexOf('#') + 1)..];
                    }
                    else if (message is null && string.Equals(property.Name, "message", StringComparison.OrdinalIgnoreCase))
                    {
                        message = property.Value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): its first line says more than nothing.
            message = body.Split('\n', 2)[0].Trim();
        }

        return (code, message);
    }
}
