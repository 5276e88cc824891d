using System.Globalization;
using HdrHistogram;
using Latency.RunDirectory;

namespace Latency.Tests.Reports;

internal static class HistogramSamples
{
    /// <summary>2023-11-14T22:13:20Z: a round number of seconds since the epoch.</summary>
    public static readonly DateTimeOffset RunStart = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static LongHistogram Interval(string tag, int second, params long[] valuesUs)
    {
        var histogram = new LongHistogram(
            RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits)
        {
            Tag = tag,
            StartTimeStamp = RunStart.ToUnixTimeMilliseconds() + second * 1000L + 123,
            EndTimeStamp = RunStart.ToUnixTimeMilliseconds() + (second + 1) * 1000L + 123,
        };
        foreach (var value in valuesUs)
        {
            histogram.RecordValue(value);
        }

        return histogram;
    }

    /// <summary>The base64 payload <see cref="IntervalLogWriter"/> writes for <paramref name="histogram"/>.</summary>
    public static string Payload(HistogramBase histogram) => new CompressedHistogramEncoder().Encode(histogram);

    /// <summary>The base64 payload HdrHistogram.NET's own encoder makes of <paramref name="histogram"/> (zero-padded to its full range).</summary>
    public static string LibraryPayload(HistogramBase histogram) => CompressedHistogramEncoder.EncodeWithHdrHistogram(histogram);

    /// <summary>(value, count) for every recorded bucket: equal lists mean equal distributions.</summary>
    public static List<(long Value, long Count)> Counts(HistogramBase histogram) =>
        histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList();

    /// <summary>
    /// Number formats of de-DE (',' decimals, '.' groups). Built by hand: the projects run with
    /// InvariantGlobalization, where de-DE itself cannot be created.
    /// </summary>
    public static CultureInfo GermanNumbers()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }

    public static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
