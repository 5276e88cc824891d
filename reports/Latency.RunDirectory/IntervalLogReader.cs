using System.Globalization;
using System.Text;

namespace Latency.RunDirectory;

/// <summary>
/// Reads an interval log (*.hlog) line by line, so that one bad line does not cost the rest of the file (HdrHistogram's
/// reader stops at the first exception), decoding each histogram into its buckets with
/// <see cref="CompressedHistogramDecoder"/> (HdrHistogram's reader allocates a full histogram per line; see there).
/// Timestamps are read as HdrHistogram's reader reads them.
/// </summary>
public static class IntervalLogReader
{
    private const string TagPrefix = "Tag=";

    /// <summary>
    /// Reads the log at <paramref name="path"/>. Never throws for a missing or corrupt file: problems are in
    /// <see cref="IntervalLog.Problems"/>. A last line without '\n' is what a crash mid-write leaves: it is ignored
    /// with a warning. Any other line that cannot be read is an error naming the line; the other lines are read.
    /// Logs written by plain HdrHistogram.NET (UTF-16 with BOM) are read too.
    /// </summary>
    public static async Task<IntervalLog> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            // ReadWrite: the engine may still be appending (reading a live run is allowed).
            await using var stream = new FileStream(
                path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(path, "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, $"cannot read: {e.Message}");
        }

        return Parse(path, text);
    }

    /// <summary>Parses the text of an interval log; <paramref name="path"/> is only used in problems.</summary>
    internal static IntervalLog Parse(string path, string text)
    {
        var problems = new List<RunDirectoryProblem>();
        var histograms = new List<IntervalHistogram>();
        var times = new LogTimes();
        var lineNumber = 0;
        var position = 0;
        while (position < text.Length)
        {
            lineNumber++;
            var end = text.IndexOf('\n', position);
            if (end < 0)
            {
                // After the last '\n' is the start of a line the writer did not finish.
                problems.Add(new RunDirectoryProblem(
                    path, lineNumber, ProblemSeverity.Warning,
                    "incomplete last line (no line end) ignored: the writer stopped mid-line (crash, or the run is still going)"));
                break;
            }

            var line = text.AsSpan(position, end - position).TrimEnd('\r');
            position = end + 1;
            if (line.Length == 0 || line[0] == '"')
            {
                continue; // blank, or HdrHistogram's legend line
            }

            try
            {
                if (line[0] == '#')
                {
                    times.ReadComment(line); // StartTime, BaseTime; other comments are the format version and ours
                }
                else
                {
                    histograms.Add(ReadHistogramLine(line, times));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var what = e is FormatException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                problems.Add(new RunDirectoryProblem(
                    path, lineNumber, ProblemSeverity.Error, $"cannot read line ({what}): {Abbreviate(line.ToString())}"));
            }
        }

        return new IntervalLog { Path = path, StartTime = times.StartTime, Histograms = histograms, Problems = problems };
    }

    /// <summary>
    /// One histogram line, <c>[Tag=tag,]start,length,max,payload</c>, times in seconds. As HdrHistogram's reader: a
    /// start more than a year before the log's StartTime is relative to it (or to BaseTime when given).
    /// </summary>
    private static IntervalHistogram ReadHistogramLine(ReadOnlySpan<char> line, LogTimes times)
    {
        string? tag = null;
        if (line.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            var comma = line.IndexOf(',');
            if (comma < 0)
            {
                throw new FormatException("a tag but no fields");
            }

            tag = line[TagPrefix.Length..comma].ToString();
            tag = tag.Length == 0 ? null : tag;
            line = line[(comma + 1)..];
        }

        var start = NextNumber(ref line, "start time");
        var length = NextNumber(ref line, "interval length");
        NextNumber(ref line, "interval maximum"); // implied by the histogram itself
        var absoluteStart = start + times.BaseFor(start);
        return CompressedHistogramDecoder.Decode(line, tag, (long)(absoluteStart * 1000.0), (long)((absoluteStart + length) * 1000.0));
    }

    private static double NextNumber(ref ReadOnlySpan<char> line, string what)
    {
        var comma = line.IndexOf(',');
        if (comma < 0 || !double.TryParse(line[..comma], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new FormatException($"no {what}");
        }

        line = line[(comma + 1)..];
        return value;
    }

    private static string Abbreviate(string line) => line.Length <= 80 ? line : line[..77] + "...";

    private static IntervalLog Failed(string path, string message) => new()
    {
        Path = path,
        Problems = [new RunDirectoryProblem(path, null, ProblemSeverity.Error, message)],
    };
}
