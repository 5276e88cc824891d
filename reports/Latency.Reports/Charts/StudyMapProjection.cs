namespace Latency.Reports.Charts;

/// <summary>
/// The study map's projection: equirectangular (x from longitude, y from latitude) with x scaled by the cosine of the
/// points' mean latitude, so that near that latitude a degree east is as long on the page as it is on the ground
/// (the study region spans ~45 degrees of latitude around 15 N, where the error stays small: cos 0 / cos 17 = 1.05 at
/// the equator, cos 40 / cos 17 = 0.80 at Beijing). Fitted to the points' bounding box, one scale for both axes,
/// centred in the given area; north up, east right. Longitudes are taken as they are: a set of points across the
/// 180th meridian would be drawn the long way round (no study region does).
/// </summary>
internal sealed class StudyMapProjection
{
    // A single point, or points on one line, still get a finite scale: about this many degrees fill the area.
    private const double MinimumSpanDegrees = 5;

    private readonly double cosine;
    private readonly double minX;
    private readonly double maxY;
    private readonly double scale;
    private readonly double left;
    private readonly double top;

    /// <param name="points">The latitudes and longitudes to fit; at least one.</param>
    /// <param name="left">Left edge of the area to fit them in, px.</param>
    /// <param name="top">Top edge of the area, px.</param>
    /// <param name="width">Width of the area, px.</param>
    /// <param name="height">Height of the area, px.</param>
    public StudyMapProjection(IReadOnlyList<(double Latitude, double Longitude)> points, double left, double top, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("a map needs at least one point", nameof(points));
        }

        cosine = Math.Cos(points.Average(p => p.Latitude) * Math.PI / 180);
        minX = points.Min(p => p.Longitude) * cosine;
        var maxX = points.Max(p => p.Longitude) * cosine;
        var minY = points.Min(p => p.Latitude);
        maxY = points.Max(p => p.Latitude);
        var spanX = Math.Max(maxX - minX, MinimumSpanDegrees * cosine);
        var spanY = Math.Max(maxY - minY, MinimumSpanDegrees);
        scale = Math.Min(width / spanX, height / spanY);
        this.left = left + (width - (maxX - minX) * scale) / 2;
        this.top = top + (height - (maxY - minY) * scale) / 2;
    }

    /// <summary>The point's position on the page, px from the top left.</summary>
    public (double X, double Y) Project(double latitude, double longitude) =>
        (left + (longitude * cosine - minX) * scale, top + (maxY - latitude) * scale);
}
