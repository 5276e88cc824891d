namespace Latency.History;

/// <summary>How a <see cref="HistoryUnit"/> is written in the history file and shown to people.</summary>
public static class HistoryUnits
{
    /// <summary>The unit's symbol, <c>us</c> or <c>ps</c>: the value of column <c>rows.unit</c>.</summary>
    public static string Symbol(this HistoryUnit unit) => unit switch
    {
        HistoryUnit.Microseconds => "us",
        HistoryUnit.Picoseconds => "ps",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "no symbol"),
    };

    /// <summary>The unit of <paramref name="symbol"/> (<c>us</c> or <c>ps</c>); null for any other text.</summary>
    public static HistoryUnit? Parse(string symbol) => symbol switch
    {
        "us" => HistoryUnit.Microseconds,
        "ps" => HistoryUnit.Picoseconds,
        _ => null,
    };

    /// <summary><paramref name="value"/>, in <paramref name="unit"/>, in milliseconds: the unit pages and summaries show.</summary>
    public static double ToMilliseconds(this HistoryUnit unit, double value) => value * unit.Nanoseconds() / 1_000_000;

    /// <summary>Nanoseconds in one <paramref name="unit"/>: to put values of two units on one scale.</summary>
    public static double Nanoseconds(this HistoryUnit unit) => unit switch
    {
        HistoryUnit.Microseconds => 1000,
        HistoryUnit.Picoseconds => 0.001,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "no scale"),
    };
}
