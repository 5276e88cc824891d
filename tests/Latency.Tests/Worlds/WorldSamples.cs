using Latency.Scenarios.Validation;
using Latency.Scenarios.Worlds;

namespace Latency.Tests.Worlds;

/// <summary>A small valid world whose line numbers the error tests refer to (see the comments).</summary>
internal static class WorldSamples
{
    public const string File = "world.yaml";

    public const string Valid = """
        version: 1
        name: test
        profiles:
          typical: "base values"
          congested: "slow period"
        probes:
          - name: mumbai
            country: IN
            city: Mumbai
            last_mile:
              rtt_ms: { value: 32, source: "last-mile IN" }
              down_mbps: { value: 25, source: "last-mile IN" }
              up_mbps: { value: 5, source: "last-mile IN" }
        deployments:
          - { name: beijing, site: "Beijing", role: origin, serves: CN }
          - { name: mumbai, site: "aws Mumbai", role: in-region, serves: IN, http: ["2"], source: "techplained" }
        paths:
          - probe: mumbai
            deployment: beijing
            rtt_ms: { value: 130, assumption: "via HK" }
            jitter_ms: { value: 24, assumption: "34 / sqrt 2" }
            loss_up_pct: { value: 3.3, source: "mtr" }
            profiles:
              congested:
                loss_up_pct: { value: 15, source: "Zhu" }
                bandwidth_up_mbps: { value: 1, source: "Zhu" }
          - probe: mumbai
            deployment: mumbai
            rtt_ms: { value: 3, source: "techplained" }
            bandwidth_down_mbps: { value: 10, assumption: "a test cap" }
        """;

    /// <summary><see cref="Valid"/> with the 1-based line <paramref name="line"/> replaced by <paramref name="text"/>.</summary>
    public static string WithLine(int line, string text)
    {
        var lines = Valid.Split('\n');
        var indent = lines[line - 1][..(lines[line - 1].Length - lines[line - 1].TrimStart().Length)];
        lines[line - 1] = indent + text;
        return string.Join('\n', lines);
    }

    /// <summary>The errors, one "file:line: message" each, that loading <paramref name="yaml"/> as <see cref="File"/> reports.</summary>
    public static IReadOnlyList<string> Errors(string yaml)
    {
        var ex = Assert.Throws<InputValidationException>(() => WorldLoader.Parse(yaml, File));
        return ex.Errors.Select(e => e.ToString()).ToList();
    }
}
