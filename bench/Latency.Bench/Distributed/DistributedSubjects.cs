using System.Text.RegularExpressions;

namespace Latency.Bench.Distributed;

/// <summary>
/// The NATS subjects of coordinator and agents, all under <c>latency.</c>, so one permission line per role covers them
/// (docs/distributed.md): agents publish their heartbeats, ask the clock and take orders only on their own subjects;
/// coordinators serve the clock, listen and give orders; both write a run's stream (<see cref="RunStream"/>).
/// </summary>
public static partial class DistributedSubjects
{
    /// <summary>Every subject of ours starts with this token.</summary>
    public const string Root = "latency";

    /// <summary>What a coordinator subscribes to for every agent's heartbeat.</summary>
    public const string AllHeartbeats = Root + ".agents.*.*.heartbeat";

    /// <summary>Request-reply: the coordinator answers with its clock (<see cref="ClockService"/>).</summary>
    public const string Clock = Root + ".clock";

    /// <summary>Where agent <paramref name="agent"/> of probe <paramref name="probe"/> publishes its heartbeats.</summary>
    public static string Heartbeat(string probe, string agent) => $"{Root}.agents.{probe}.{agent}.heartbeat";

    /// <summary>Request-reply: a coordinator gives agent <paramref name="agent"/> of probe <paramref name="probe"/> its part of a run (<see cref="RunOrder"/>).</summary>
    public static string Order(string probe, string agent) => $"{Root}.agents.{probe}.{agent}.order";

    /// <summary>Request-reply: a coordinator starts or stops the run it gave that agent (<see cref="RunControl"/>).</summary>
    public static string Control(string probe, string agent) => $"{Root}.agents.{probe}.{agent}.control";

    /// <summary>
    /// Why <paramref name="value"/> cannot be one token of a subject (it names a probe or an agent there), or null when
    /// it can: letters, digits, '-' and '_' only, so no '.', '*', '>' or space can change what a subscription matches.
    /// </summary>
    /// <param name="what">What the value is, for the message (<c>--probe</c>, say).</param>
    /// <param name="value">The value.</param>
    public static string? TokenProblem(string what, string? value) =>
        string.IsNullOrEmpty(value) ? $"{what}: must not be empty"
        : value.Length > 64 ? $"{what}: '{value}' is longer than 64 characters"
        : Token().IsMatch(value) ? null
        : $"{what}: '{value}' may hold only letters, digits, '-' and '_'";

    /// <summary>A name made fit to be a token: every other character becomes '-' (a host name with dots, say).</summary>
    public static string ToToken(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var token = NotToken().Replace(value, "-");
        return token.Length == 0 ? "agent" : token.Length > 64 ? token[..64] : token;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Token();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotToken();
}
