using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Latency.Scenarios.Workloads;

/// <summary>
/// Writes a <see cref="WorkloadDefinition"/> as a workload file (version 1, docs/workload-reference.md), e.g. for
/// the HAR importer. What it writes reads back equal: <c>WorkloadLoader.Parse(Write(w), file) == w</c>, durations
/// and server times included to the tick (100 ns). Values equal to the defaults are left out, as a person would.
/// </summary>
/// <remarks>
/// It writes what it is given; whether that is a valid workload is the loader's call (e.g. a request name with a
/// space is written, quoted, and then refused when read).
/// </remarks>
public static partial class WorkloadWriter
{
    /// <summary>The workload as YAML text, lines ending in '\n'.</summary>
    public static string Write(WorkloadDefinition workload) => Write(workload, null);

    /// <summary>
    /// The workload as YAML text, after <paramref name="headerComment"/> written as '#' lines (say where it came from,
    /// e.g. "Imported from capture.har by latency import-har").
    /// </summary>
    public static string Write(WorkloadDefinition workload, string? headerComment)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(headerComment))
        {
            foreach (var line in headerComment.ReplaceLineEndings("\n").Split('\n'))
            {
                text.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
            }
        }

        text.Append("version: 1\n");
        text.Append("name: ").Append(Scalar(workload.Name)).Append('\n');
        text.Append("description: ").Append(Quoted(workload.Description)).Append('\n');
        text.Append("http: ").Append(Quoted(workload.HttpVersion)).Append('\n');
        text.Append("connection: ").Append(WorkloadReader.ConnectionText(workload.Connection)).Append('\n');
        text.Append("replay: ").Append(workload.Replay ? "true" : "false").Append('\n');
        if (workload.IdleBefore != IdleBefore.None) text.Append("idle_before: ").Append(IdleBeforeText(workload.IdleBefore)).Append('\n');
        text.Append("steps:\n");
        foreach (var step in workload.Steps)
        {
            switch (step)
            {
                case WorkloadRequest request:
                    text.Append("  - request: ").Append(Request(request)).Append('\n');
                    break;
                case WorkloadParallel group:
                    text.Append("  - parallel:\n");
                    text.Append("      name: ").Append(Scalar(group.Name)).Append('\n');
                    text.Append("      requests:\n");
                    foreach (var request in group.Requests)
                    {
                        text.Append("        - ").Append(Request(request)).Append('\n');
                    }

                    break;
                case WorkloadThink think:
                    text.Append("  - think: ").Append(Duration(think.Duration)).Append('\n');
                    break;
                default:
                    throw new ArgumentException($"unknown workload step {step.GetType().Name}", nameof(workload));
            }
        }

        return text.ToString();
    }

    private static string Request(WorkloadRequest request)
    {
        var fields = new List<string> { $"name: {Scalar(request.Name)}", $"method: {Scalar(request.Method)}" };
        if (request.Role != WorkloadRequest.ServiceRole) fields.Add($"role: {Scalar(request.Role)}");
        if (request.Path is not null) fields.Add($"path: {Quoted(request.Path)}");
        if (request.RequestBytes != 0) fields.Add(string.Create(CultureInfo.InvariantCulture, $"request_bytes: {request.RequestBytes}"));
        if (request.ResponseBytes != 0) fields.Add(string.Create(CultureInfo.InvariantCulture, $"response_bytes: {request.ResponseBytes}"));
        if (request.ServerTime != TimeSpan.Zero)
        {
            // A tick is 0.0001 ms, so four decimals write any TimeSpan exactly.
            fields.Add(string.Create(CultureInfo.InvariantCulture, $"server_ms: {request.ServerTime.Ticks / (decimal)TimeSpan.TicksPerMillisecond:0.####}"));
        }

        if (request.Offset is { } offset) fields.Add($"at: {Duration(offset)}");
        return "{ " + string.Join(", ", fields) + " }";
    }

    private static string IdleBeforeText(IdleBefore idle) => idle.Kind switch
    {
        IdleBeforeKind.Fixed => Duration(idle.Min),
        IdleBeforeKind.Uniform => $"{{ min: {Duration(idle.Min)}, max: {Duration(idle.Max)} }}",
        _ => $"{{ mean: {Duration(idle.Mean)} }}",
    };

    /// <summary>A duration DurationParser reads back to the same tick: seconds when whole milliseconds, else milliseconds.</summary>
    internal static string Duration(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        return ticks % TimeSpan.TicksPerMillisecond == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{ticks / (decimal)TimeSpan.TicksPerSecond:0.###}s")
            : string.Create(CultureInfo.InvariantCulture, $"{ticks / (decimal)TimeSpan.TicksPerMillisecond:0.####}ms");
    }

    // Plain when it cannot be mistaken for YAML syntax (names, methods); quoted otherwise.
    private static string Scalar(string value) => PlainPattern().IsMatch(value) ? value : Quoted(value);

    /// <summary>A YAML double-quoted scalar: backslash, quote and control characters escaped.</summary>
    private static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' or '\ufeff') text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPattern();
}
