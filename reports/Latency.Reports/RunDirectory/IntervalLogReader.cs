using System.Text;
using HdrHistogram;

namespace Latency.Reports.RunDirectory;

/// <summary>
/// Reads an interval log (*.hlog) with HdrHistogram.NET's own <see cref="HistogramLogReader"/>, line by line, so
/// that one bad line does not cost the rest of the file: HdrHistogram's reader stops at the first exception.
/// </summary>
public static class IntervalLogReader
{
    private const string StartTimePrefix = "#[StartTime: ";
    private const string BaseTimePrefix = "#[BaseTime: ";

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
        var histograms = new List<HistogramBase>();
        DateTimeOffset? startTime = null;
        string? startTimeLine = null;
        string? baseTimeLine = null;

        var lines = text.Split('\n');
        // After the last '\n' there is either nothing (a complete file) or the start of a line the writer
        // did not finish.
        var completeLines = lines.Length - 1;
        if (lines[^1].Length > 0)
        {
            problems.Add(new RunDirectoryProblem(
                path, lines.Length, ProblemSeverity.Warning,
                "incomplete last line (no line end) ignored: the writer stopped mid-line (crash, or the run is still going)"));
        }

        for (var i = 0; i < completeLines; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('"'))
            {
                continue; // blank, or HdrHistogram's legend line
            }

            try
            {
                if (line.StartsWith(StartTimePrefix, StringComparison.Ordinal))
                {
                    var start = ReadWithHdrHistogram(line, null, out _);
                    startTime = new DateTimeOffset(
                        start.Kind == DateTimeKind.Local ? start.ToUniversalTime() : DateTime.SpecifyKind(start, DateTimeKind.Utc));
                    startTimeLine = line;
                }
                else if (line.StartsWith(BaseTimePrefix, StringComparison.Ordinal))
                {
                    ReadWithHdrHistogram(line, null, out _);
                    baseTimeLine = line;
                }
                else if (line.StartsWith('#'))
                {
                    // other comments, e.g. the format version and ours
                }
                else
                {
                    // HdrHistogram's reader turns relative timestamps into absolute ones with the StartTime and
                    // BaseTime lines seen so far, so they go before the line.
                    var context = string.Join('\n', new[] { startTimeLine, baseTimeLine }.OfType<string>());
                    ReadWithHdrHistogram(line, context, out var read);
                    if (read.Count != 1)
                    {
                        throw new FormatException($"expected one histogram, read {read.Count}");
                    }

                    histograms.Add(read[0]);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add(new RunDirectoryProblem(
                    path, lineNumber, ProblemSeverity.Error, $"cannot read line ({e.GetType().Name}: {e.Message}): {Abbreviate(line)}"));
            }
        }

        return new IntervalLog { Path = path, StartTime = startTime, Histograms = histograms, Problems = problems };
    }

    /// <summary>Runs HdrHistogram's reader over the context lines and one line; returns its start time.</summary>
    private static DateTime ReadWithHdrHistogram(string line, string? context, out IReadOnlyList<HistogramBase> histograms)
    {
        var log = string.IsNullOrEmpty(context) ? line + "\n" : context + "\n" + line + "\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(log), writable: false);
        // An instance, enumerated before it is disposed: the static HistogramLogReader.Read disposes the reader
        // before its lazy enumeration runs.
        using var reader = new HistogramLogReader(stream);
        // The reader parses numbers with the current culture (double.Parse).
        using (InvariantCultureScope.Enter())
        {
            histograms = reader.ReadHistograms().ToList();
        }

        return reader.GetStartTime();
    }

    private static string Abbreviate(string line) => line.Length <= 80 ? line : line[..77] + "...";

    private static IntervalLog Failed(string path, string message) => new()
    {
        Path = path,
        Problems = [new RunDirectoryProblem(path, null, ProblemSeverity.Error, message)],
    };
}
