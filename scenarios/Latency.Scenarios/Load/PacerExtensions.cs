namespace Latency.Scenarios.Load;

/// <summary>The <c>(elapsed, issued) -&gt; (wait, stop)</c> form of a pacer that the scheduler calls.</summary>
public static class PacerExtensions
{
    public static PacingDecision Pace(this IPacer pacer, TimeSpan elapsed, long issued)
    {
        var due = pacer.DueTime(issued);
        if (due is null)
        {
            return PacingDecision.Done;
        }

        var wait = due.Value - elapsed;
        return new PacingDecision(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, due.Value, false);
    }
}
