namespace Latency.Reports.Charts;

/// <summary>One class of <see cref="GainScale"/>: gains from <paramref name="From"/> (inclusive) to <paramref name="To"/>.</summary>
/// <param name="From">Lowest gain of the class.</param>
/// <param name="To">Gain where the next class starts (infinity for the last).</param>
/// <param name="Fill">Fill colour, #rrggbb.</param>
/// <param name="Text">Text colour readable on <paramref name="Fill"/>.</param>
/// <param name="Label">What the class means, for the legend.</param>
public sealed record GainClass(double From, double To, string Fill, string Text, string Label);
