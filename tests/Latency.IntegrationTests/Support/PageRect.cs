namespace Latency.IntegrationTests.Support;

/// <summary>An element's border box from <c>getBoundingClientRect()</c>, in CSS pixels relative to the viewport.</summary>
public sealed record PageRect(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    /// <summary>Not empty and entirely inside a viewport of <paramref name="width"/> by <paramref name="height"/> (unscrolled).</summary>
    public bool FitsIn(int width, int height) =>
        Width > 0 && Height > 0 && Left >= 0 && Top >= 0 && Right <= width && Bottom <= height;
}
