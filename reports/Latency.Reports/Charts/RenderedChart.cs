namespace Latency.Reports.Charts;

/// <summary>A chart rendered in memory, as PNG (for HTML embedding and chat) and SVG (for print and zoom).</summary>
public sealed record RenderedChart
{
    /// <summary>File name without extension, e.g. "cdf-mumbai"; [a-z0-9-] only.</summary>
    public required string Name { get; init; }

    /// <summary>The chart's title, also its caption in documents.</summary>
    public required string Title { get; init; }

    /// <summary>What the chart shows, for alt text and readers who skip the picture.</summary>
    public required string Description { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>The PNG image.</summary>
    public required byte[] Png { get; init; }

    /// <summary>The SVG document.</summary>
    public required string Svg { get; init; }
}
