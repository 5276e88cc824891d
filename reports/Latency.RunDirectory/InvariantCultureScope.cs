using System.Globalization;

namespace Latency.RunDirectory;

/// <summary>
/// Sets the current thread's culture to the invariant culture until disposed. HdrHistogram.NET formats
/// ("{0:F3}") and parses (double.Parse) log timestamps with the current culture, so under e.g. de-DE it would
/// write "1700000000,123" (which no reader understands) and misread "1700000000.123". Only use around
/// synchronous code: the culture is per thread.
/// </summary>
public readonly struct InvariantCultureScope : IDisposable
{
    private readonly CultureInfo _previous;

    private InvariantCultureScope(CultureInfo previous) => _previous = previous;

    public static InvariantCultureScope Enter()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return new InvariantCultureScope(previous);
    }

    public void Dispose() => CultureInfo.CurrentCulture = _previous;
}
