namespace Latency.Bench.Recording;

/// <summary>
/// What a histogram holds: scenario, step (<see cref="IterationStep"/> for whole iterations) and kind
/// (<c>corrected</c>, <c>uncorrected</c>, <c>dns</c>, <c>connect</c>, <c>tls</c>, <c>ttfb</c>, <c>transfer</c>).
/// Its <see cref="Tag"/> is the HdrHistogram log tag, so names must hold no comma or white space.
/// </summary>
public readonly record struct MetricKey(string Scenario, string Step, string Kind)
{
    public const string IterationStep = Latency.RunDirectory.HistogramTag.WholeIteration;

    public string Tag => $"{Scenario}/{Step}/{Kind}";
}
