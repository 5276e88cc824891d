namespace Latency.Bench.Distributed;

/// <summary>An agent's answer to a <see cref="RunOrder"/>: ready to start (with its clock offset), or why not.</summary>
/// <param name="Ready">True when it is prepared and waits for the start.</param>
/// <param name="Problems">Why it refused (a bad suite, busy with another run, no clock reply); empty when ready.</param>
/// <param name="Host">Its host.</param>
/// <param name="Version">Its program version.</param>
/// <param name="ClockOffsetMs">The coordinator's clock minus its own, in milliseconds (add it to its times); null when not measured.</param>
/// <param name="ClockUncertaintyMs">Half the shortest round trip the offset came from, in milliseconds.</param>
public sealed record RunOrderReply(bool Ready, IReadOnlyList<string> Problems, string Host, string Version, double? ClockOffsetMs,
    double? ClockUncertaintyMs);
