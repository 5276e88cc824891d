using System.Globalization;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// What every chart of a report shares: size, colours (origin always red, in-region always blue, so a reader
/// learns them once), fonts, and rendering to PNG and SVG.
/// </summary>
public static class ChartStyle
{
    /// <summary>Width of a chart in pixels: fits a report column and a chat preview without scaling text away.</summary>
    public const int Width = 900;

    /// <summary>Height of a chart in pixels.</summary>
    public const int Height = 540;

    /// <summary>The origin's colour (far deployment).</summary>
    public static readonly Color Origin = Color.FromHex("#d62728");

    /// <summary>The in-region deployment's colour.</summary>
    public static readonly Color InRegion = Color.FromHex("#1f77b4");

    private static readonly Color[] Others =
    [
        Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
    ];

    /// <summary>A colour for the n-th series that is neither origin nor in-region (cycles).</summary>
    public static Color Other(int index) => Others[((index % Others.Length) + Others.Length) % Others.Length];

    /// <summary>A new plot with the report's fonts and sizes.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        // A sans-serif that Linux images ship; SkiaSharp falls back to the system default where it is missing.
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, size: 20);
        plot.XLabel(xLabel, size: 16);
        plot.YLabel(yLabel, size: 16);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Legend.FontSize = 14;
        return plot;
    }

    /// <summary>
    /// A dashed black vertical line at <paramref name="x"/> named <paramref name="label"/> on the line itself, above the
    /// data, so no reader has to find it in the legend (e.g. "1x = no gain"); the top axis gets room for that label and
    /// not a pixel more (a full study's gain chart has rows 10 px apart).
    /// </summary>
    /// <param name="plot">The plot to draw on.</param>
    /// <param name="x">Where, in the plot's x coordinates.</param>
    /// <param name="label">The line's name.</param>
    public static void AddReferenceLine(Plot plot, double x, string label)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var line = plot.Add.VerticalLine(x, 2, Colors.Black, LinePattern.Dashed);
        line.LabelText = label;
        line.LabelOppositeAxis = true;
        line.LabelFontSize = 14;
        line.LabelFontColor = Colors.Black;
        line.LabelBackgroundColor = Colors.White;
        plot.Axes.Top.MinimumSize = 20;
    }

    /// <summary>
    /// A p50 line (solid, filled dots) and a p95 line (dashed, open dots) of one colour, the house way of drawing two
    /// quantiles of one series, legend texts "&lt;label&gt; p50" and "&lt;label&gt; p95".
    /// </summary>
    /// <param name="plot">The plot to draw on.</param>
    /// <param name="xs">The x of each value.</param>
    /// <param name="p50">The medians.</param>
    /// <param name="p95">The 95th percentiles.</param>
    /// <param name="color">The series' colour.</param>
    /// <param name="label">The series' name in the legend.</param>
    public static void AddQuantileLines(Plot plot, double[] xs, double[] p50, double[] p95, Color color, string label)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var median = plot.Add.ScatterLine(xs, p50, color);
        median.LineWidth = 2.5f;
        median.MarkerSize = 6;
        median.MarkerShape = MarkerShape.FilledCircle;
        median.LegendText = $"{label} p50";
        var tail = plot.Add.ScatterLine(xs, p95, color);
        tail.LineWidth = 2f;
        tail.LinePattern = LinePattern.Dashed;
        tail.MarkerSize = 6;
        tail.MarkerShape = MarkerShape.OpenCircle;
        tail.LegendText = $"{label} p95";
    }

    /// <summary>Renders <paramref name="plot"/> to PNG and SVG at the report's size.</summary>
    public static RenderedChart Render(Plot plot, string name, string title, string description) =>
        Render(plot, name, title, description, Height);

    /// <summary>Renders <paramref name="plot"/> to PNG and SVG at the report's width and <paramref name="height"/> pixels.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="name">The chart's file name without extension.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="description">What the chart shows.</param>
    /// <param name="height">Height in pixels, for charts whose lines need more room than <see cref="Height"/>.</param>
    public static RenderedChart Render(Plot plot, string name, string title, string description, int height) => new()
    {
        Name = name,
        Title = title,
        Description = description,
        Width = Width,
        Height = height,
        Png = plot.GetImageBytes(Width, height, ImageFormat.Png),
        Svg = plot.GetSvgXml(Width, height),
    };

    /// <summary>
    /// A <see cref="RenderedChart.Name"/> of [a-z0-9-] from parts joined by '-', e.g. ("phases", "mumbai",
    /// "app-cold-start") -> "phases-mumbai-app-cold-start"; any other character becomes '-'.
    /// </summary>
    public static string FileName(params string[] parts) =>
        string.Join('-', parts.Select(p => new string(p.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray())));

    /// <summary>A number for axis labels, independent of the machine's culture.</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Ticks at 1, 2 and 5 (denser on short ranges) times powers of ten between two log10 positions, for data plotted
    /// as log10 of its values; each label is the value followed by <paramref name="suffix"/>, e.g. "2x".
    /// </summary>
    public static (double[] Positions, string[] Labels) LogTicks(double lowLog, double highLog, string suffix = "")
    {
        var positions = new List<double>();
        var labels = new List<string>();
        for (var exponent = (int)Math.Floor(lowLog) - 1; exponent <= (int)Math.Ceiling(highLog); exponent++)
        {
            // Under a decade and a half, 1-2-5 leaves two or three ticks: add the steps between.
            foreach (var mantissa in highLog - lowLog >= 1.5 ? [1, 2, 5] : new[] { 1, 1.5, 2, 3, 4, 5, 7 })
            {
                var value = mantissa * Math.Pow(10, exponent);
                var position = Math.Log10(value);
                if (position >= lowLog && position <= highLog)
                {
                    positions.Add(position);
                    labels.Add(Number(value) + suffix);
                }
            }
        }

        return (positions.ToArray(), labels.ToArray());
    }
}
