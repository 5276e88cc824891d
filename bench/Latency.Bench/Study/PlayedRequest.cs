using Latency.Bench.Http;

namespace Latency.Bench.Study;

/// <summary>One request as a session played it, in microseconds from the session's intended start.</summary>
/// <param name="DueUs">When it was due: its replay offset or a think's end; else when it was sent.</param>
/// <param name="SentUs">When it was handed to the client.</param>
/// <param name="EndedUs">When its answer was complete (or it failed).</param>
/// <param name="Phases">Its phases; null when it has none (a failure before any answer).</param>
public sealed record PlayedRequest(long DueUs, long SentUs, long EndedUs, RequestPhases? Phases);
