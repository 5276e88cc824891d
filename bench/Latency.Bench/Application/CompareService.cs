using Latency.Reports.Compare;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// Compares two run directories (<c>latency compare</c>) with <see cref="RunComparer"/> and writes compare.md,
/// compare.html and compare.json; runs that are not comparable write nothing and come back as problems.
/// </summary>
public static class CompareService
{
    /// <summary>Compares as <paramref name="request"/> asks.</summary>
    /// <param name="request">The two runs, the tolerance, where to write.</param>
    /// <param name="cancellationToken">Stops reading or writing.</param>
    public static async Task<CompareOutcome> RunAsync(CompareRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var comparison = await RunComparer.CompareAsync(request.BaselineDirectory, request.CurrentDirectory, request.Tolerance, cancellationToken)
            .ConfigureAwait(false);
        if (!comparison.IsComparable)
        {
            return new CompareOutcome { Problems = comparison.Differences.Select(d => new ValidationError(null, d)).ToList() };
        }

        var files = await CompareWriter.WriteAsync(comparison, request.OutDirectory ?? request.CurrentDirectory, cancellationToken).ConfigureAwait(false);
        return new CompareOutcome { Comparison = comparison, Files = files };
    }
}
