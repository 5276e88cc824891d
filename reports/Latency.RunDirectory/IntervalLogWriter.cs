using System.Globalization;
using System.Text;
using HdrHistogram;

namespace Latency.RunDirectory;

/// <summary>
/// Writes one HdrHistogram interval log (*.hlog) of a run directory in ASCII, so the Java and Python readers can read
/// it too: the header with HdrHistogram.NET's own <see cref="HistogramLogWriter"/> (transcoded from its UTF-16), the
/// histogram lines in its format with <see cref="CompressedHistogramEncoder"/>.
/// Every histogram line is flushed to the operating system as soon as it is appended: a crash of the process
/// loses at most the interval being written. Not thread-safe: one writer per file, appended from one thread
/// at a time (calls are serialized by a lock, but interval order is the caller's job).
/// </summary>
public sealed class IntervalLogWriter : IDisposable, IAsyncDisposable
{
    /// <summary>The comment line this writer adds after HdrHistogram's header.</summary>
    public const string FormatComment = "#[Latency interval log: values in microseconds; tags <scenario>/<step>/<kind>]";

    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly Utf16ToAsciiStream _ascii;
    private readonly HistogramLogWriter _writer;
    private readonly CompressedHistogramEncoder _encoder = new();
    private readonly Action<string>? _mirror;
    private bool _disposed;

    private IntervalLogWriter(string path, FileStream file, Utf16ToAsciiStream ascii, HistogramLogWriter writer, Action<string>? mirror)
    {
        Path = path;
        _file = file;
        _ascii = ascii;
        _writer = writer;
        _mirror = mirror;
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates (or replaces) the log at <paramref name="path"/> and writes its header:
    /// <c>#[Histogram log format version 1.3]</c>, <c>#[StartTime: ...]</c>, the legend line, then
    /// <see cref="FormatComment"/>.
    /// </summary>
    /// <param name="path">The .hlog file.</param>
    /// <param name="startTime">The start of the run; written as seconds since the Unix epoch.</param>
    /// <param name="comments">Further comment lines (ASCII, without the leading "#"), e.g. the run's suite.</param>
    /// <param name="mirror">Given every text written to the file, in order: the header once, then each line as it is
    /// appended, so that concatenated they are the file byte for byte (a distributed agent streams them to its
    /// coordinator); called under the writer's lock. Null for none.</param>
    public static IntervalLogWriter Create(string path, DateTimeOffset startTime, IEnumerable<string>? comments = null, Action<string>? mirror = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var commentLines = (comments ?? []).Select(c => "#" + c).ToList();
        foreach (var line in commentLines)
        {
            if (line.Any(c => c > 0x7E || char.IsControl(c)))
            {
                throw new ArgumentException($"comment '{line}' must be printable ASCII on one line", nameof(comments));
            }
        }

        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        Utf16ToAsciiStream? ascii = null;
        HistogramLogWriter? writer = null;
        try
        {
            ascii = new Utf16ToAsciiStream(file, leaveOpen: true);
            writer = new HistogramLogWriter(ascii);
            using (InvariantCultureScope.Enter())
            {
                // Write with no histograms emits just the header and marks it written, so Append adds lines only.
                writer.Write(startTime.UtcDateTime);
            }

            var result = new IntervalLogWriter(path, file, ascii, writer, mirror);
            result.WriteComment(FormatComment);
            foreach (var line in commentLines)
            {
                result.WriteComment(line);
            }

            if (mirror is not null)
            {
                // The header comes from HdrHistogram's writer through the transcoder: read back what reached the file
                // rather than format it a second time.
                file.Flush();
                using var header = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(header, Encoding.ASCII);
                mirror(reader.ReadToEnd());
            }

            return result;
        }
        catch
        {
            writer?.Dispose();
            ascii?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends one interval histogram. The caller sets <see cref="HistogramBase.Tag"/> (a
    /// <see cref="HistogramTag.Format"/>ted tag), <see cref="HistogramBase.StartTimeStamp"/> and
    /// <see cref="HistogramBase.EndTimeStamp"/> (milliseconds since the Unix epoch); values are microseconds.
    /// </summary>
    /// <exception cref="ArgumentException">The tag is missing or not a valid <see cref="HistogramTag"/>.</exception>
    public void Append(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        // Checked before writing: a bad tag found by the transcoder would leave a broken line in the file.
        if (!HistogramTag.TryParse(histogram.Tag, out _))
        {
            throw new ArgumentException(
                $"histogram tag '{histogram.Tag}' is not <scenario>/<step>/<kind> of [A-Za-z0-9_.-] names (use HistogramTag.Format)",
                nameof(histogram));
        }

        if (histogram.EndTimeStamp < histogram.StartTimeStamp)
        {
            throw new ArgumentException(
                $"histogram '{histogram.Tag}' ends ({histogram.EndTimeStamp} ms) before it starts ({histogram.StartTimeStamp} ms)",
                nameof(histogram));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // The line as HdrHistogram's writer formats it (times in seconds, the maximum in seconds of microseconds),
            // with our encoder: HdrHistogram's allocates ~640 KB per line (see CompressedHistogramEncoder).
            var start = histogram.StartTimeStamp / 1000.0;
            var length = histogram.EndTimeStamp / 1000.0 - start;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"Tag={histogram.Tag},{start:F3},{length:F3},{histogram.GetMaxValue() / 1_000_000.0:F3},{_encoder.Encode(histogram)}\n");
            _file.Write(Encoding.ASCII.GetBytes(line));
            _file.Flush();
            _mirror?.Invoke(line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            _ascii.Dispose();
            _file.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        // Everything is already flushed line by line; closing is not worth an async path.
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void WriteComment(string line)
    {
        // Through the transcoder, like HdrHistogram's own lines, so the same ASCII check applies.
        _ascii.Write(Encoding.Unicode.GetBytes(line + "\n"));
        _ascii.Flush();
    }
}
