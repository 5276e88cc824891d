using Latency.RunDirectory;

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

    /// <summary>Writes <see cref="Png"/> and <see cref="Svg"/> as &lt;name&gt;.png and &lt;name&gt;.svg into <paramref name="directory"/>, each
    /// through <see cref="AtomicFile"/> (never half-written).</summary>
    /// <param name="directory">An existing directory.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>The two paths, PNG first.</returns>
    public async Task<IReadOnlyList<string>> WriteFilesAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var png = Path.Combine(directory, Name + ".png");
        await AtomicFile.WriteAllBytesAsync(png, Png, cancellationToken).ConfigureAwait(false);
        var svg = Path.Combine(directory, Name + ".svg");
        await AtomicFile.WriteAllTextAsync(svg, Svg, cancellationToken).ConfigureAwait(false);
        return [png, svg];
    }
}
