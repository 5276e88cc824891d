namespace Latency.Micro.ChangePoints;

/// <summary>
/// One alert of a simulated nightly job: nights in a row on which <c>history check</c> reports the series slower, as
/// the first of them reported it.
/// </summary>
/// <param name="Night">The first night of the alert, zero-based: the newest run then is run <paramref name="Night"/>.</param>
/// <param name="Start">The run the check said the slower level starts at, that night.</param>
/// <param name="Nights">Nights in a row the check kept reporting it.</param>
public sealed record NightlyAlert(int Night, int Start, int Nights);
