using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;

namespace Latency.Scenarios.Har;

/// <summary>
/// Turns a HAR 1.2 capture (as Chromium/Chrome DevTools, Playwright, Charles and mitmproxy export it) into a replay
/// <see cref="WorkloadDefinition"/>: one request per HTTP entry in start order, each at its recorded offset from the
/// first entry's start, so a replay keeps the capture's inter-request timing. What is taken from each entry:
/// <list type="bullet">
/// <item>Path: the URL's path and query. The origin is dropped because a replay targets the deployment under test;
/// each distinct origin becomes a role instead, the first one used <c>service</c>, the next <c>origin-2</c>,
/// <c>origin-3</c>, ... (a suite maps roles to deployments).</item>
/// <item>Server time: <c>timings.wait</c>, the time to first byte. A HAR has no server time; the wait also holds one
/// network round trip and any queueing, so it is the best available estimate and an upper bound.</item>
/// <item>Sizes: <c>request.bodySize</c> (or the UTF-8 length of <c>postData.text</c>) and <c>response.bodySize</c>,
/// the body bytes on the wire, compressed as they were sent. When the body size is unknown (-1) the response size is
/// still the transferred one where the HAR tells it: <c>content.size - content.compression</c>, else Chromium's
/// <c>_transferSize</c> less a known <c>headersSize</c>; only then the decoded <c>content.size</c>. The handset
/// backend answers with incompressible bytes, so a replay carries as many bytes as the capture did.</item>
/// </list>
/// The path is kept as recorded; the backend answers it from the request's instruction headers
/// (<see cref="WorkloadRequest.InstructionHeaders"/>), and a real service sees the app's own path.
/// Every problem in the file is reported at once, with the file, line and entry index, as an
/// <see cref="InputValidationException"/>.
/// </summary>
public static partial class HarImporter
{
    /// <summary>Reads and imports a HAR file.</summary>
    /// <param name="path">The .har file.</param>
    /// <param name="name">Workload name; by default derived from the file name.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="InputValidationException">The file cannot be read, is not JSON, or misses required HAR fields.</exception>
    public static async Task<HarImport> ImportAsync(string path, string? name = null, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputValidationException([new ValidationError(null, $"{path}: cannot read the HAR file: {ex.Message}")]);
        }

        return Parse(bytes, path, name);
    }

    /// <summary>Imports HAR text already in memory; <paramref name="file"/> names it in errors and the description.</summary>
    /// <exception cref="InputValidationException">The text is not JSON or misses required HAR fields.</exception>
    public static HarImport Parse(ReadOnlySpan<byte> utf8, string file, string? name = null)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..]; // Windows tools write a byte-order mark, which the JSON reader refuses.
        }

        if (FirstInvalidUtf8(utf8) is var invalid and >= 0)
        {
            // The JSON reader lets such bytes through inside strings and fails only when a string is read, with an
            // InvalidOperationException that names no place: refused here, with the line and byte of the first one.
            var before = utf8[..invalid];
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            throw new InputValidationException([new ValidationError(
                new SourceLocation(file, before.Count((byte)'\n') + 1, invalid - lineStart + 1),
                $"not valid UTF-8: byte 0x{utf8[invalid]:X2} at offset {invalid} (a HAR file is UTF-8 JSON)")]);
        }

        JsonDocument document;
        JsonLineIndex positions;
        try
        {
            positions = JsonLineIndex.Build(utf8);
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new InputValidationException([new ValidationError(new SourceLocation(file, line, column),
                $"not valid JSON: {TrimJsonMessage(ex.Message)}")]);
        }

        using (document)
        {
            return new Reader(file, positions).Read(document.RootElement, name);
        }
    }

    /// <summary>The offset of the first byte of <paramref name="utf8"/> that is not part of a UTF-8 character, or -1.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return -1;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    /// <summary>Parses a HAR text (tests, tools).</summary>
    public static HarImport Parse(string json, string file, string? name = null) => Parse(Encoding.UTF8.GetBytes(json), file, name);

    /// <summary><c>r001-index-html</c>: a sequence number and the URL's last path segment, in lower-case letters, digits and dashes.</summary>
    internal static string RequestName(int number, Uri url)
    {
        var segment = url.AbsolutePath.TrimEnd('/').Split('/')[^1];
        var clean = NotNameCharacters().Replace(Uri.UnescapeDataString(segment).ToLowerInvariant(), "-").Trim('-');
        if (clean.Length > 40)
        {
            clean = clean[..40].TrimEnd('-');
        }

        var prefix = "r" + number.ToString("000", CultureInfo.InvariantCulture);
        return clean.Length == 0 ? $"{prefix}-root" : $"{prefix}-{clean}";
    }

    /// <summary>A workload name from a file name: <c>My Capture.har</c> becomes <c>my-capture</c>.</summary>
    internal static string WorkloadName(string file)
    {
        var clean = NotNameCharacters().Replace(Path.GetFileNameWithoutExtension(file).ToLowerInvariant(), "-").Trim('-');
        return clean.Length == 0 ? "har-import" : clean;
    }

    private static string TrimJsonMessage(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: 3 | BytePositionInLine: 5."; the location is printed already.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotNameCharacters();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex HasScheme();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoDateStart();

    /// <summary>One import: collects every problem before throwing.</summary>
    private sealed class Reader(string file, JsonLineIndex positions)
    {
        private readonly List<ValidationError> _errors = [];

        public HarImport Read(JsonElement root, string? name)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("log", out var log) || log.ValueKind != JsonValueKind.Object)
            {
                throw Fail("", "not a HAR file: no \"log\" object at the top level");
            }

            if (!log.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw Fail("log", "log has no \"entries\" array");
            }

            if (entries.GetArrayLength() == 0)
            {
                throw Fail("log.entries", "log.entries is empty: the capture has no requests to import");
            }

            var parsed = new List<Entry>();
            var skipped = new List<string>();
            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                if (ReadEntry(entry, index, skipped) is { } ok)
                {
                    parsed.Add(ok);
                }

                index++;
            }

            if (_errors.Count > 0)
            {
                throw new InputValidationException(_errors);
            }

            if (parsed.Count == 0)
            {
                throw Fail("log.entries", $"no HTTP requests to import ({skipped.Count} entries skipped: {string.Join("; ", skipped)})");
            }

            return Build(parsed, log, skipped, name);
        }

        private HarImport Build(List<Entry> entries, JsonElement log, List<string> skipped, string? name)
        {
            // Stable: entries that started in the same millisecond keep the file's order.
            var ordered = entries.OrderBy(e => e.Started).ThenBy(e => e.Index).ToList();
            var first = ordered[0].Started;
            var roles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var origins = new List<string>();
            var requests = new List<WorkloadStep>();
            var number = 0;
            foreach (var entry in ordered)
            {
                var origin = entry.Url.GetLeftPart(UriPartial.Authority);
                if (!roles.TryGetValue(origin, out var role))
                {
                    role = origins.Count == 0 ? WorkloadRequest.ServiceRole : $"origin-{origins.Count + 1}";
                    roles.Add(origin, role);
                    origins.Add(origin);
                }

                requests.Add(new WorkloadRequest(
                    RequestName(++number, entry.Url),
                    entry.Method,
                    role,
                    entry.Url.PathAndQuery,
                    entry.RequestBytes,
                    entry.ResponseBytes,
                    entry.Wait,
                    entry.Started - first) { Location = entry.Location });
            }

            var originList = origins.Select(o => new HarOrigin(o, roles[o],
                ordered.Count(e => string.Equals(e.Url.GetLeftPart(UriPartial.Authority), o, StringComparison.OrdinalIgnoreCase)))).ToList();
            var span = ordered[^1].Started - first;
            var description =
                $"Imported from {Path.GetFileName(file)}{Creator(log)}: {ordered.Count} requests over " +
                $"{span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s, replayed at their recorded offsets. " +
                $"Roles: {string.Join(", ", originList.Select(o => $"{o.Role} = {o.Origin}"))}. " +
                "Server times are the capture's time to first byte (timings.wait), an upper bound.";
            var workload = new WorkloadDefinition(
                name ?? WorkloadName(file),
                description,
                HttpVersion(ordered),
                // A capture's connection reuse says more about the browser's state than about the app: start cold.
                ConnectionMode.New,
                requests,
                Replay: true,
                new SourceLocation(file, 1));
            return new HarImport(workload, originList, skipped);
        }

        private Entry? ReadEntry(JsonElement entry, int index, List<string> skipped)
        {
            var at = $"log.entries[{index}]";
            var where = $"entries[{index}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                Error(at, $"{where} is not an object");
                return null;
            }

            var errorsBefore = _errors.Count;
            DateTimeOffset started = default;
            if (!entry.TryGetProperty("startedDateTime", out var startedText) || startedText.ValueKind != JsonValueKind.String)
            {
                Error(at, $"{where} has no startedDateTime");
            }
            else if (!TryParseDate(startedText.GetString()!, out started))
            {
                Error($"{at}.startedDateTime", $"{where}.startedDateTime '{startedText.GetString()}' is not an ISO 8601 date and time");
            }

            string? method = null;
            Uri? url = null;
            if (!entry.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
            {
                Error(at, $"{where} has no request");
            }
            else
            {
                if (!request.TryGetProperty("method", out var methodText) || methodText.ValueKind != JsonValueKind.String
                    || string.IsNullOrWhiteSpace(methodText.GetString()))
                {
                    Error($"{at}.request", $"{where}.request has no method");
                }
                else
                {
                    method = methodText.GetString()!.Trim().ToUpperInvariant();
                }

                if (!request.TryGetProperty("url", out var urlText) || urlText.ValueKind != JsonValueKind.String
                    || string.IsNullOrWhiteSpace(urlText.GetString()))
                {
                    Error($"{at}.request", $"{where}.request has no url");
                }
                // On Unix "/x" parses as an absolute file: URI, so a scheme must be written out.
                else if (!HasScheme().IsMatch(urlText.GetString()!) || !Uri.TryCreate(urlText.GetString(), UriKind.Absolute, out url))
                {
                    Error($"{at}.request.url", $"{where}.request.url '{urlText.GetString()}' is not an absolute URL");
                }
            }

            if (_errors.Count > errorsBefore || url is null || method is null)
            {
                return null;
            }

            if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            {
                // Web sockets, data: and extension URLs are not requests a replay can make.
                skipped.Add($"entries[{index}]: {url.Scheme}: URL");
                return null;
            }

            var (line, _) = positions.Find(at);
            return new Entry(index, started, method, url, RequestBytes(request), ResponseBytes(entry), Wait(entry),
                Protocol(entry), new SourceLocation(file, line));
        }

        private static long RequestBytes(JsonElement request)
        {
            if (Number(request, "bodySize") is { } size and >= 0)
            {
                return (long)size;
            }

            return request.TryGetProperty("postData", out var post) && post.ValueKind == JsonValueKind.Object
                   && post.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                ? Encoding.UTF8.GetByteCount(text.GetString()!)
                : 0;
        }

        private static long ResponseBytes(JsonElement entry)
        {
            if (!entry.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object)
            {
                return 0; // e.g. a request that failed or was still pending when the capture was saved
            }

            if (Number(response, "bodySize") is { } size and >= 0)
            {
                return (long)size;
            }

            // Body size unknown (Chromium's HTTP/2 entries): the transferred size from what is known. Compressed bodies
            // are the reason to try before content.size, the decoded size: a gzip'd script may be a third of it.
            var content = response.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var decoded = content.ValueKind == JsonValueKind.Object ? Number(content, "size") : null;
            if (decoded is >= 0 && Number(content, "compression") is { } saved and >= 0 && saved <= decoded)
            {
                return (long)(decoded - saved); // HAR 1.2: compression is the bytes saved by it
            }

            if (Number(response, "_transferSize") is { } transferred and >= 0)
            {
                // Chromium's and Playwright's bytes on the wire, response head included; less the head when it is known.
                return (long)Math.Max(0, transferred - Math.Max(0, Number(response, "headersSize") ?? 0));
            }

            return decoded is >= 0 ? (long)decoded.Value : 0;
        }

        private static TimeSpan Wait(JsonElement entry)
        {
            // -1 means "does not apply" in HAR; sub-millisecond precision is kept.
            return entry.TryGetProperty("timings", out var timings) && timings.ValueKind == JsonValueKind.Object
                   && Number(timings, "wait") is { } wait and > 0
                ? TimeSpan.FromTicks((long)Math.Round(wait * TimeSpan.TicksPerMillisecond))
                : TimeSpan.Zero;
        }

        private static double? Number(JsonElement parent, string property) =>
            parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

        private static bool TryParseDate(string text, out DateTimeOffset value)
        {
            value = default;
            // HAR requires ISO 8601 with a zone (2009-07-24T19:20:30.45+01:00); a date without a zone is read as UTC.
            return IsoDateStart().IsMatch(text)
                   && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
        }

        /// <summary>
        /// "2" when most entries went over HTTP/2 (or HTTP/3, which workloads do not model: HTTP/2 is the nearest
        /// multiplexed protocol), else "1.1".
        /// </summary>
        private static string HttpVersion(List<Entry> entries)
        {
            var multiplexed = entries.Count(e => e.Protocol.StartsWith("h2", StringComparison.OrdinalIgnoreCase)
                                                 || e.Protocol.StartsWith("h3", StringComparison.OrdinalIgnoreCase)
                                                 || e.Protocol.StartsWith("HTTP/2", StringComparison.OrdinalIgnoreCase)
                                                 || e.Protocol.StartsWith("HTTP/3", StringComparison.OrdinalIgnoreCase));
            return multiplexed * 2 > entries.Count ? "2" : "1.1";
        }

        private static string Protocol(JsonElement entry)
        {
            foreach (var part in new[] { "response", "request" })
            {
                if (entry.TryGetProperty(part, out var message) && message.ValueKind == JsonValueKind.Object
                    && message.TryGetProperty("httpVersion", out var version) && version.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(version.GetString()))
                {
                    return version.GetString()!.Trim();
                }
            }

            return string.Empty;
        }

        private static string Creator(JsonElement log)
        {
            static string? NameVersion(JsonElement log, string property) =>
                log.TryGetProperty(property, out var who) && who.ValueKind == JsonValueKind.Object
                && who.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                    ? who.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String
                        ? $"{n.GetString()} {v.GetString()}"
                        : n.GetString()
                    : null;

            var parts = new[] { NameVersion(log, "creator"), NameVersion(log, "browser") }.Where(p => !string.IsNullOrEmpty(p)).ToList();
            return parts.Count == 0 ? string.Empty : $" ({string.Join(", ", parts)})";
        }

        private void Error(string path, string message)
        {
            var (line, column) = positions.Find(path);
            _errors.Add(new ValidationError(new SourceLocation(file, line, column), message));
        }

        private InputValidationException Fail(string path, string message)
        {
            Error(path, message);
            return new InputValidationException(_errors);
        }
    }

    private sealed record Entry(int Index, DateTimeOffset Started, string Method, Uri Url, long RequestBytes, long ResponseBytes,
        TimeSpan Wait, string Protocol, SourceLocation Location);
}
