using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Latency.Scenarios.Workloads;

namespace Latency.Scenarios.Har;

/// <summary>
/// Writes an imported HAR workload as workload YAML. It mirrors the format of docs/workload-reference.md for exactly
/// the shape the importer produces (replay sessions of single requests with offsets) and nothing more; it stands in
/// until the general <c>WorkloadWriter</c> lands, which should then replace it.
/// </summary>
internal static class HarWorkloadYaml
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(WorkloadDefinition workload)
    {
        var yaml = new StringBuilder();
        yaml.Append("# Imported by `latency import-har`; replayed at the recorded offsets (at:). Edit roles to match your suite.\n");
        yaml.Append("version: 1\n");
        yaml.Append("name: ").Append(Scalar(workload.Name)).Append('\n');
        yaml.Append("description: ").Append(Quoted(workload.Description)).Append('\n');
        yaml.Append("http: ").Append(Quoted(workload.HttpVersion)).Append('\n');
        yaml.Append("connection: ").Append(workload.Connection.ToString().ToLowerInvariant()).Append('\n');
        yaml.Append("replay: ").Append(workload.Replay ? "true" : "false").Append('\n');
        yaml.Append("steps:\n");
        foreach (var step in workload.Steps)
        {
            if (step is not WorkloadRequest request)
            {
                throw new ArgumentException($"only single requests can be written here, not {step.GetType().Name}", nameof(workload));
            }

            yaml.Append("  - request: { ")
                .Append("name: ").Append(Scalar(request.Name))
                .Append(", method: ").Append(Scalar(request.Method))
                .Append(", role: ").Append(Scalar(request.Role));
            if (request.Path is not null)
            {
                yaml.Append(", path: ").Append(Scalar(request.Path));
            }

            yaml.Append(", request_bytes: ").Append(request.RequestBytes.ToString(CultureInfo.InvariantCulture))
                .Append(", response_bytes: ").Append(request.ResponseBytes.ToString(CultureInfo.InvariantCulture))
                .Append(", server_ms: ").Append(request.ServerTime.TotalMilliseconds.ToString("0.####", CultureInfo.InvariantCulture));
            if (request.Offset is { } offset)
            {
                yaml.Append(", at: ").Append(offset.TotalSeconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('s');
            }

            yaml.Append(" }\n");
        }

        return yaml.ToString();
    }

    /// <summary>Plain when it cannot be mistaken for anything else inside a flow mapping, else double-quoted.</summary>
    private static string Scalar(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
                        && !char.IsAsciiDigit(text[0]) && text is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off")
            ? text
            : Quoted(text);

    /// <summary>A JSON string is a valid YAML double-quoted scalar (same escapes).</summary>
    private static string Quoted(string text) => JsonSerializer.Serialize(text, Quoting);
}
