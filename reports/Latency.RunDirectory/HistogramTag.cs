using System.Diagnostics.CodeAnalysis;

namespace Latency.RunDirectory;

/// <summary>
/// The tag of a histogram in an interval log: <c>&lt;scenario&gt;/&lt;step&gt;/&lt;kind&gt;</c>, with step
/// <see cref="WholeIteration"/> ("-") for whole-iteration histograms. Each part is a non-empty name of
/// [A-Za-z0-9_.-] only: HdrHistogram log tags may contain neither commas nor whitespace, and the log is ASCII.
/// </summary>
public sealed record HistogramTag
{
    /// <summary>The step part of whole-iteration histograms.</summary>
    public const string WholeIteration = "-";

    /// <summary>Iteration latency from the intended start to completion (wrk2's corrected latency).</summary>
    public const string Corrected = "corrected";

    /// <summary>
    /// Iteration level: from the actual start to completion. Step level: the step's own duration.
    /// </summary>
    public const string Uncorrected = "uncorrected";

    /// <summary>
    /// Step level: the duration of the step's failed runs (an error status, a refused connection, a timeout). Kept
    /// apart from <see cref="Uncorrected"/>, which holds successful runs only: a quick 503 must not look like a fast answer.
    /// </summary>
    public const string Failed = "failed";

    /// <summary>
    /// Step level: how late the step started against its intended time (a session against its arrival, a replayed
    /// request against its recorded offset, a request after a think time against the think's end): the harness's
    /// own delay, which the step's duration includes.
    /// </summary>
    public const string Lateness = "lateness";

    /// <summary>Step level: DNS resolution.</summary>
    public const string Dns = "dns";

    /// <summary>Step level: TCP connect.</summary>
    public const string Connect = "connect";

    /// <summary>Step level: TLS handshake.</summary>
    public const string Tls = "tls";

    /// <summary>Step level: from request sent to the first response byte.</summary>
    public const string Ttfb = "ttfb";

    /// <summary>Step level: from the first to the last response byte.</summary>
    public const string Transfer = "transfer";

    /// <summary>
    /// Session level: time a session's critical path spent waiting by design (think times, and in a replay the
    /// recorded offset of the request that ended last). Sessions record every phase kind as critical-path totals.
    /// </summary>
    public const string Think = "think";

    /// <summary>
    /// Session level: the session time its critical path's phases and think times do not cover (client work, gaps
    /// between requests, late starts), so that the phase kinds of one session add up to its time.
    /// </summary>
    public const string Other = "other";

    /// <summary>
    /// Session level: time the session's packets waited for the handset's radio (promotion from idle, DRX wake-ups),
    /// taken out of the network phases it fell in; recorded only by sessions that had a radio.
    /// </summary>
    public const string Radio = "radio";

    private const char Separator = '/';

    /// <summary>Creates a tag; every part must already be a valid name (see <see cref="Sanitize"/>).</summary>
    /// <exception cref="ArgumentException">A part is empty or has a character outside [A-Za-z0-9_.-].</exception>
    public HistogramTag(string scenario, string step, string kind)
    {
        Scenario = RequireName(scenario, nameof(scenario));
        Step = RequireName(step, nameof(step));
        Kind = RequireName(kind, nameof(kind));
    }

    /// <summary>The sanitized scenario name.</summary>
    public string Scenario { get; }

    /// <summary>The sanitized step name, or <see cref="WholeIteration"/>.</summary>
    public string Step { get; }

    /// <summary>One of the kind constants, e.g. <see cref="Corrected"/>.</summary>
    public string Kind { get; }

    /// <summary>True for whole-iteration histograms (step "-").</summary>
    public bool IsIteration => Step == WholeIteration;

    /// <summary>A whole-iteration tag; the scenario name is sanitized.</summary>
    public static HistogramTag ForIteration(string scenario, string kind) =>
        new(Sanitize(scenario), WholeIteration, kind);

    /// <summary>A step tag; scenario and step names are sanitized.</summary>
    public static HistogramTag ForStep(string scenario, string step, string kind) =>
        new(Sanitize(scenario), Sanitize(step), kind);

    /// <summary>The tag as written in an interval log, e.g. "checkout/-/corrected".</summary>
    public string Format() => $"{Scenario}{Separator}{Step}{Separator}{Kind}";

    /// <inheritdoc cref="Format"/>
    public override string ToString() => Format();

    /// <summary>Parses a tag written by <see cref="Format"/>; false for anything else (including null).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out HistogramTag? tag)
    {
        tag = null;
        if (text is null)
        {
            return false;
        }

        var parts = text.Split(Separator);
        if (parts.Length != 3 || !parts.All(IsValidName))
        {
            return false;
        }

        tag = new HistogramTag(parts[0], parts[1], parts[2]);
        return true;
    }

    /// <summary>
    /// Turns any scenario or step name into a valid tag part: every character outside [A-Za-z0-9_.-] becomes '_',
    /// and an empty name or "-" (reserved for whole iterations) becomes "_". Different names may map to the same
    /// part; run.json keeps the original names.
    /// </summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name == WholeIteration)
        {
            return "_";
        }

        return string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = IsNameChar(source[i]) ? source[i] : '_';
            }
        });
    }

    /// <summary>True if <paramref name="name"/> is non-empty and only has characters of [A-Za-z0-9_.-].</summary>
    public static bool IsValidName(string? name) => !string.IsNullOrEmpty(name) && name.All(IsNameChar);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    private static string RequireName(string name, string parameter)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid histogram tag part: use a non-empty name of [A-Za-z0-9_.-] (see HistogramTag.Sanitize)",
                parameter);
        }

        return name;
    }
}
