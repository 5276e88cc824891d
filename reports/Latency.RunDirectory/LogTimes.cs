using System.Globalization;

namespace Latency.RunDirectory;

/// <summary>
/// The time comments of an interval log as HdrHistogram's readers (Java and .NET) use them: <c>#[StartTime: s ...]</c>
/// and <c>#[BaseTime: s ...]</c> in seconds since the epoch. Without a BaseTime, the first histogram decides: a start
/// more than a year before StartTime means the log's times are relative to StartTime, else they are absolute.
/// </summary>
internal sealed class LogTimes
{
    private const string StartTimePrefix = "#[StartTime: ";
    private const string BaseTimePrefix = "#[BaseTime: ";
    private const double OneYearSeconds = 365 * 24 * 3600.0;

    private double? _startSeconds;
    private double? _baseSeconds;

    /// <summary>The log's StartTime, or null when it had none.</summary>
    public DateTimeOffset? StartTime { get; private set; }

    /// <summary>Takes the times of a comment line; other comments are ignored.</summary>
    /// <exception cref="FormatException">A StartTime or BaseTime comment without a number.</exception>
    public void ReadComment(ReadOnlySpan<char> line)
    {
        if (line.StartsWith(StartTimePrefix, StringComparison.Ordinal))
        {
            _startSeconds = Seconds(line[StartTimePrefix.Length..], "StartTime");
            // The format writes milliseconds: round, so binary fractions do not turn .981 into .980999.
            StartTime = DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(_startSeconds.Value * 1000));
        }
        else if (line.StartsWith(BaseTimePrefix, StringComparison.Ordinal))
        {
            _baseSeconds = Seconds(line[BaseTimePrefix.Length..], "BaseTime");
        }
    }

    /// <summary>What to add to a histogram line's start (seconds) to make it absolute; fixed by the first line.</summary>
    public double BaseFor(double lineStartSeconds)
    {
        _startSeconds ??= lineStartSeconds;
        _baseSeconds ??= lineStartSeconds < _startSeconds.Value - OneYearSeconds ? _startSeconds.Value : 0.0;
        return _baseSeconds.Value;
    }

    private static double Seconds(ReadOnlySpan<char> rest, string what)
    {
        var space = rest.IndexOf(' ');
        var number = space < 0 ? rest.TrimEnd(']') : rest[..space];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
        {
            throw new FormatException($"{what} is not a number of seconds");
        }

        return seconds;
    }
}
