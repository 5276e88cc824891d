using Microsoft.AspNetCore.Builder;
using System.Text.Json;
using Latency.IntegrationTests.Support;
using Latency.Reports.Compare;
using Latency.Reports.Publish;
using Latency.RunDirectory;

namespace Latency.IntegrationTests.CloudWatch;

/// <summary>
/// <c>latency publish</c> against the local CloudWatch endpoint, which checks every signature with botocore and every
/// body against botocore's CloudWatch model: a default-sized study goes out whole and its numbers come back as ours;
/// a wrong secret, throttling, EMF and the dry run behave as the issue asks. The CLI runs as a child process, so the
/// credentials it reads from the environment are the test's alone.
/// </summary>
public sealed class PublishCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [RequiresBotocoreFact]
    public async Task Publish_DefaultSizedStudy_EveryRowGoesOutWithItsCountsAndPercentiles()
    {
        var (runDirectory, run) = await StudyRunAsync();
        await using var endpoint = await CloudWatchEndpoint.StartAsync(new CloudWatchEndpointOptions { MetricNow = run.Manifest!.StartedUtc });

        var outcome = await PublishAsync(endpoint, endpoint.Options.SecretKey, runDirectory, "--dashboard", "Latency-Nightly");

        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Error + endpoint.StandardError);
        var accepted = endpoint.Accepted();
        Assert.Contains(accepted, a => a.Operation == "PutDashboard");
        Assert.Contains(accepted, a => a is { Operation: "PutMetricData", Gzip: true }); // large bodies go compressed
        var data = accepted.Where(a => a.Operation == "PutMetricData").SelectMany(a => a.Body.GetProperty("MetricData").EnumerateArray()).ToList();
        var rows = CompareRows.Of(run);
        Assert.Equal(42 * 2, rows.Count); // 7 countries x 6 workloads, origin and in region
        foreach (var row in rows)
        {
            var mine = data.Where(d => Has(d, "Probe", row.Probe!) && Has(d, "Deployment", row.Deployment!) && Has(d, "Workload", row.Workload!)).ToList();
            var distributions = mine.Where(d => d.GetProperty("MetricName").GetString() == RunMetrics.SessionTime)
                .Select(d => new MetricDistribution(Numbers(d, "Values"), Numbers(d, "Counts"))).ToList();
            var total = run.Totals[row.Tag];
            Assert.Equal(total.TotalCount, distributions.Sum(d => d.SampleCount));
            Assert.Equal(total.TotalCount, mine.Single(d => d.GetProperty("MetricName").GetString() == RunMetrics.Samples).GetProperty("Value").GetDouble());
            foreach (var p in new[] { 50.0, 90, 95, 99 })
            {
                var ours = total.GetValueAtPercentile(p) / 1000.0;
                var theirs = DistributionCompressor.Percentile(distributions, p);
                Assert.True(Math.Abs(theirs - ours) <= ours * 0.01, $"{row.Label} p{p}: published {theirs} ms, ours {ours} ms");
            }
        }

        Assert.Contains(data, d => d.GetProperty("MetricName").GetString() == RunMetrics.GainP50);
    }

    [RequiresBotocoreFact]
    public async Task Publish_WrongSecret_RefusedExit3NamingRowsNeverTheSecret()
    {
        var (runDirectory, run) = await StudyRunAsync();
        await using var endpoint = await CloudWatchEndpoint.StartAsync(new CloudWatchEndpointOptions { MetricNow = run.Manifest!.StartedUtc });
        const string wrongSecret = "wrong/secret/0123456789abcdefghijklmnopqrstu";

        var outcome = await PublishAsync(endpoint, wrongSecret, runDirectory);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("SignatureDoesNotMatch", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("row(s) did not go out", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("Probe=mumbai", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, outcome.Output + outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", outcome.Output + outcome.Error, StringComparison.Ordinal);
        Assert.Empty(endpoint.Accepted());
        // Stopped at the first refusal. A refusal's log line starts with its status; the lines after it quote the
        // canonical request and string to sign, whose hashes and timestamps may contain "403" anywhere.
        Assert.Equal(1, endpoint.StandardError.Split('\n').Count(l => l.StartsWith("403 ", StringComparison.Ordinal)));
    }

    [RequiresBotocoreFact]
    public async Task Publish_Throttled_RetriedWithBackoffAndEverythingGoesOut()
    {
        var (runDirectory, run) = await StudyRunAsync();
        await using var endpoint = await CloudWatchEndpoint.StartAsync(new CloudWatchEndpointOptions { MetricNow = run.Manifest!.StartedUtc, Throttle = 2, Fail = 1 });
        var dryRun = await CliRun.ChildAsync(new Dictionary<string, string>(), Timeout, "publish", runDirectory, "--cloudwatch", "--dry-run");

        var outcome = await PublishAsync(endpoint, endpoint.Options.SecretKey, runDirectory);

        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Error);
        Assert.Equal(2, outcome.Error.Split('\n').Count(l => l.Contains("400 Throttling", StringComparison.Ordinal) && l.Contains("trying again", StringComparison.Ordinal)));
        Assert.Contains("500 InternalServiceError", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("after 4 attempts", outcome.Output, StringComparison.Ordinal);
        var batches = dryRun.Output.Split('\n').Count(l => l.StartsWith("# PutMetricData", StringComparison.Ordinal));
        Assert.Equal(batches, endpoint.Accepted().Count);
    }

    [RequiresBotocoreFact]
    public async Task Publish_Emf_LinesCarryTheSameSamplesAsPutMetricData()
    {
        var (runDirectory, run) = await StudyRunAsync();
        await using var endpoint = await CloudWatchEndpoint.StartAsync(new CloudWatchEndpointOptions { MetricNow = run.Manifest!.StartedUtc });
        var emf = Path.Combine(_temp.Path, "metrics.emf.jsonl");

        var outcome = await PublishAsync(endpoint, endpoint.Options.SecretKey, runDirectory, "--emf", emf);

        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Error);
        var published = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var datum in endpoint.Accepted().SelectMany(a => a.Body.GetProperty("MetricData").EnumerateArray()))
        {
            var key = Key(datum.GetProperty("MetricName").GetString()!, datum.GetProperty("Dimensions").EnumerateArray()
                .Select(d => (d.GetProperty("Name").GetString()!, d.GetProperty("Value").GetString()!)));
            published[key] = published.GetValueOrDefault(key) + (datum.TryGetProperty("Counts", out _)
                ? Numbers(datum, "Values").Zip(Numbers(datum, "Counts")).Sum(p => p.First * p.Second)
                : datum.GetProperty("Value").GetDouble());
        }

        var extracted = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(emf))
        {
            using var json = JsonDocument.Parse(line);
            var directive = json.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
            var dimensions = directive.GetProperty("Dimensions")[0].EnumerateArray().Select(n => n.GetString()!)
                .Select(n => (n, json.RootElement.GetProperty(n).GetString()!)).ToList();
            foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
            {
                var name = metric.GetProperty("Name").GetString()!;
                var value = json.RootElement.GetProperty(name);
                var key = Key(name, dimensions);
                extracted[key] = extracted.GetValueOrDefault(key) + (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Sum(v => v.GetDouble()) : value.GetDouble());
            }
        }

        Assert.Equal(published.Keys.Order(), extracted.Keys.Order());
        Assert.All(published, p => Assert.True(Math.Abs(p.Value - extracted[p.Key]) <= Math.Abs(p.Value) * 1e-4, $"{p.Key}: {p.Value} vs {extracted[p.Key]}"));
    }

    [RequiresBotocoreFact]
    public async Task Run_PublishCloudWatch_TheRunGoesOutWhenItEndsToTheEnvironmentsEndpoint()
    {
        await using var server = await LocalServer.StartAsync(app => app.MapFallback(() => "ok"));
        await using var endpoint = await CloudWatchEndpoint.StartAsync();
        var runDirectory = Path.Combine(_temp.Path, "url-run");

        var outcome = await CliRun.ChildAsync(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = endpoint.Options.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = endpoint.Options.SecretKey,
            ["AWS_REGION"] = endpoint.Options.Region,
            ["AWS_ENDPOINT_URL_CLOUDWATCH"] = endpoint.Url.ToString(),
        }, Timeout, "run", "--url", server.BaseUrl.ToString(), "--rate", "50", "--duration", "2s", "--out", runDirectory, "--no-progress", "--publish", "cloudwatch");

        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Error + endpoint.StandardError);
        Assert.Contains("CloudWatch: all 1 call(s) accepted.", outcome.Output, StringComparison.Ordinal);
        var data = endpoint.Accepted().SelectMany(a => a.Body.GetProperty("MetricData").EnumerateArray()).ToList();
        var latency = data.Where(d => d.GetProperty("MetricName").GetString() == RunMetrics.Latency && !d.GetProperty("Dimensions").EnumerateArray().Any(x => x.GetProperty("Name").GetString() == "Step")).ToList();
        Assert.NotEmpty(latency);
        var run = await RunDirectoryReader.ReadAsync(runDirectory);
        var iterations = CompareRows.Of(run).First(r => r.Step is null);
        Assert.Equal(run.Totals[iterations.Tag].TotalCount, latency.Sum(d => Numbers(d, "Counts").Sum()));
        Assert.InRange(run.Totals[iterations.Tag].TotalCount, 50, 150);
    }

    [Fact]
    public async Task Publish_DryRunAndCap_PrintBodiesSendNothingAndRefusePastTheCap()
    {
        var (runDirectory, _) = await StudyRunAsync();

        var dryRun = await CliRun.InProcessAsync("publish", runDirectory, "--cloudwatch", "--dry-run", "--region", "ap-south-1", "--dashboard", "Nightly");
        var capped = await CliRun.InProcessAsync("publish", runDirectory, "--cloudwatch", "--dry-run", "--region", "ap-south-1", "--max-metrics", "10");
        var nothing = await CliRun.InProcessAsync("publish", runDirectory);

        Assert.True(dryRun.ExitCode == 0, dryRun.Error);
        Assert.Contains("custom metric(s) in namespace Latency", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("https://monitoring.ap-south-1.amazonaws.com/", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("# PutDashboard Nightly", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was sent.", dryRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS4-HMAC-SHA256", dryRun.Output, StringComparison.Ordinal);
        var body = dryRun.Output.Split('\n').First(l => l.StartsWith("{\"Namespace\"", StringComparison.Ordinal));
        using (var json = JsonDocument.Parse(body))
        {
            Assert.Equal("Latency", json.RootElement.GetProperty("Namespace").GetString());
        }

        Assert.Equal(2, capped.ExitCode);
        Assert.Contains("--max-metrics 10: this run would create", capped.Error, StringComparison.Ordinal);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("give --cloudwatch, --emf FILE or both", nothing.Error, StringComparison.Ordinal);
    }

    private async Task<(string Directory, RunData Run)> StudyRunAsync()
    {
        var directory = Path.Combine(_temp.Path, "run");
        await DefaultSizedStudyRun.WriteAsync(directory);
        return (directory, await RunDirectoryReader.ReadAsync(directory));
    }

    private static Task<CliRun.Outcome> PublishAsync(CloudWatchEndpoint endpoint, string secret, string runDirectory, params string[] more) =>
        CliRun.ChildAsync(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = endpoint.Options.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = secret,
            ["AWS_REGION"] = endpoint.Options.Region,
        }, Timeout, ["publish", runDirectory, "--cloudwatch", "--endpoint", endpoint.Url.ToString(), .. more]);

    private static bool Has(JsonElement datum, string name, string value) =>
        datum.GetProperty("Dimensions").EnumerateArray().Any(d => d.GetProperty("Name").GetString() == name && d.GetProperty("Value").GetString() == value);

    private static List<double> Numbers(JsonElement datum, string name) => datum.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToList();

    private static string Key(string name, IEnumerable<(string Name, string Value)> dimensions) =>
        name + "|" + string.Join("|", dimensions.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => d.Name + "=" + d.Value));
}
