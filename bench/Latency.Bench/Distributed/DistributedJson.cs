using System.Text.Json;

namespace Latency.Bench.Distributed;

/// <summary>
/// How coordinator and agents write their messages: UTF-8 JSON with snake_case names, as run.json is written, so a
/// message seen with <c>nats sub</c> reads like the run directory.
/// </summary>
public static class DistributedJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    /// <summary>The message in <paramref name="data"/>, or null when it is not one (a stranger on our subject, say).</summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> data)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(data, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
