using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Latency.Micro.Soak;

/// <summary>
/// Rewrites a study suite for <c>study-soak</c> and <c>study-scale</c>: every workload's rates scaled, the study's
/// duration replaced and the workload files made absolute, so the copy runs from any folder. The loader accepts
/// fractional rates (a mean of Poisson arrivals a minute, any number above 0), so a scaled rate is written as it comes
/// out, not rounded.
/// </summary>
public static class StudySuiteScaler
{
    /// <summary>The rewritten suite.</summary>
    /// <param name="yaml">The suite's text.</param>
    /// <param name="suiteDirectory">The suite's folder: its workloads' relative paths are relative to it.</param>
    /// <param name="rateScale">The factor for <c>sessions_per_minute</c> and <c>max_sessions_per_minute</c>.</param>
    /// <param name="duration">The study's new <c>duration</c>.</param>
    /// <param name="fixedRate">
    /// Removes <c>precision</c> and every <c>max_sessions_per_minute</c>: without adaptive sampling each workload runs at
    /// its own <c>sessions_per_minute</c> from start to end, so the offered rate is known and the same all run long.
    /// </param>
    /// <exception cref="InvalidDataException">The text is not a study suite with workloads.</exception>
    public static ScaledSuite Scale(string yaml, string suiteDirectory, double rateScale, TimeSpan duration, bool fixedRate = false)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("study"), out var studyNode) || studyNode is not YamlMappingNode study
            || !study.Children.TryGetValue(new YamlScalarNode("workloads"), out var workloadsNode) || workloadsNode is not YamlSequenceNode workloads)
        {
            throw new InvalidDataException("not a study suite with 'study.workloads'");
        }

        study.Children[new YamlScalarNode("duration")] = new YamlScalarNode(Number(Math.Round(duration.TotalSeconds)) + "s");
        if (fixedRate)
        {
            study.Children.Remove(new YamlScalarNode("precision"));
            foreach (var workload in workloads.Children.OfType<YamlMappingNode>())
            {
                workload.Children.Remove(new YamlScalarNode("max_sessions_per_minute"));
            }
        }

        var rates = new List<string>();
        var perMinute = 0.0;
        foreach (var workload in workloads.Children.OfType<YamlMappingNode>())
        {
            var file = Scalar(workload, "file") ?? throw new InvalidDataException("a study workload has no 'file'");
            workload.Children[new YamlScalarNode("file")] = new YamlScalarNode(Path.GetFullPath(Path.Combine(suiteDirectory, file)));
            var rate = ScaleField(workload, "sessions_per_minute", rateScale) ?? throw new InvalidDataException($"workload {file} has no 'sessions_per_minute'");
            perMinute += rate;
            var max = ScaleField(workload, "max_sessions_per_minute", rateScale);
            rates.Add($"{Path.GetFileNameWithoutExtension(file)}: {Number(rate)}/min" + (max is { } m ? $" (max {Number(m)})" : ""));
        }

        var text = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(text, assignAnchors: false);
        // Every compared probe sends each arrival to each of its deployments: a session per deployment.
        var deployments = study.Children.TryGetValue(new YamlScalarNode("compare"), out var compare) && compare is YamlSequenceNode entries
            ? entries.Children.OfType<YamlMappingNode>()
                .Sum(e => e.Children.TryGetValue(new YamlScalarNode("deployments"), out var d) && d is YamlSequenceNode list ? list.Children.Count : 0)
            : 0;
        return new ScaledSuite(text.ToString(), rates, perMinute, deployments);
    }

    private static double? ScaleField(YamlMappingNode workload, string key, double rateScale)
    {
        if (Scalar(workload, key) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidDataException($"'{key}: {text}' is not a number");
        }

        var scaled = value * rateScale;
        workload.Children[new YamlScalarNode(key)] = new YamlScalarNode(Number(scaled));
        return scaled;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } value } ? value : null;

    // Round-trip form: 6 x 0.25 is written 1.5, not 1.5000000000000002 or 1,5.
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
