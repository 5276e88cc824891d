using System.Text.Json.Serialization;

namespace Latency.World.Backend;

[JsonSerializable(typeof(UploadReceipt))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class UploadReceiptJsonContext : JsonSerializerContext;
