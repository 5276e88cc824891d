using System.CommandLine;
using System.Text;
using Latency.Bench.Publish;
using Latency.Reports.Publish;
using Latency.RunDirectory;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency publish RUN_DIR --cloudwatch [--namespace Latency] [--region R] [--endpoint URL] [--dry-run]
/// [--max-metrics N] [--dashboard NAME] [--emf FILE]</c>: a run directory's latency distributions, sessions, failures
/// and gains to CloudWatch (signed PutMetricData calls), a dashboard, and/or EMF lines. Exit 0 when everything went
/// out, 2 for bad input (nothing sent), 3 when a call failed (the rows that did not go out are named).
/// </summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "The run directory to publish." };
        var cloudWatch = new Option<bool>("--cloudwatch") { Description = "Send the metrics to CloudWatch with PutMetricData (signed with the AWS credentials of the environment)." };
        var metricNamespace = new Option<string>("--namespace") { Description = "The CloudWatch namespace.", DefaultValueFactory = _ => "Latency" };
        var region = new Option<string?>("--region") { Description = "The AWS region, e.g. ap-south-1 or cn-north-1 (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Post to this URL instead of the region's endpoint (default: AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the requests' bodies (never a signature) and what they would create; send nothing." };
        var maxMetrics = new Option<int?>("--max-metrics") { Description = "Refuse to publish when it would create more custom metrics than this (each is billed monthly and cannot be deleted)." };
        var dashboard = new Option<string?>("--dashboard") { Description = "Also write a CloudWatch dashboard of this name: p50 and p95 of the main workload per country, origin vs in-region." };
        var emf = new Option<string?>("--emf") { Description = "Also write the same metrics as CloudWatch Embedded Metric Format lines to this file (for the CloudWatch agent)." };
        var command = new Command("publish",
            "Publish a run directory's metrics: every row's latency as distributions per minute (Values/Counts CloudWatch " +
            "computes percentiles from and merges across probes), its sessions and failed sessions, and each study row's p50 " +
            "gain with its 95% interval; dimensions Suite, Country, Probe, Deployment, Workload (Scenario, Step for plain runs).\n" +
            "Exit codes: 0 all published, 2 bad input or a refusal before sending (nothing sent), 3 a call failed (the rows " +
            "that did not go out are listed).")
        {
            runDirectory, cloudWatch, metricNamespace, region, endpoint, dryRun, maxMetrics, dashboard, emf,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(runDirectory)!,
            new PublishOptions(parse.GetValue(cloudWatch), parse.GetValue(metricNamespace)!, parse.GetValue(region), parse.GetValue(endpoint),
                parse.GetValue(dryRun), parse.GetValue(maxMetrics), parse.GetValue(dashboard), parse.GetValue(emf)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> ExecuteAsync(string runDirectory, PublishOptions options, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (!options.CloudWatch && options.EmfFile is null)
        {
            problems.Add("nothing to publish to: give --cloudwatch, --emf FILE or both");
        }

        if (options.Dashboard is not null && !options.CloudWatch)
        {
            problems.Add("--dashboard writes a CloudWatch dashboard: it needs --cloudwatch");
        }

        if (options.MaxMetrics is < 1)
        {
            problems.Add($"--max-metrics: {options.MaxMetrics} is not a positive number");
        }

        if (string.IsNullOrWhiteSpace(options.Namespace) || options.Namespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            problems.Add($"--namespace: '{options.Namespace}' is empty or reserved (names starting with AWS/ are AWS's)");
        }

        if (!Directory.Exists(runDirectory) || !File.Exists(Path.Combine(runDirectory, RunManifest.FileName)))
        {
            problems.Add($"{runDirectory}: not a run directory (no {RunManifest.FileName})");
        }

        CloudWatchTarget? target = null;
        if (options.CloudWatch && problems.Count == 0)
        {
            target = CloudWatchTarget.Resolve(options.Region, options.Endpoint, out var targetProblem);
            if (targetProblem is not null && !options.DryRun)
            {
                problems.Add(targetProblem);
            }
        }

        if (problems.Count > 0)
        {
            return await RefuseAsync(error, problems).ConfigureAwait(false);
        }

        var run = await RunDirectoryReader.ReadAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        if (options.EmfFile is { } emfFile)
        {
            try
            {
                await using var writer = new StreamWriter(emfFile, append: false, new UTF8Encoding(false));
                var lines = EmfWriter.Write(writer, options.Namespace, RunMetrics.Of(run));
                await output.WriteLineAsync($"EMF: {lines} line(s) written to {emfFile}").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"{emfFile}: cannot write the EMF lines: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.RunFailed;
            }
        }

        if (!options.CloudWatch)
        {
            return ExitCodes.Ok;
        }

        try
        {
            return await PublishToCloudWatchAsync(run, options, target, output, error, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the calls that were accepted stay accepted; the lines above say which.
            await error.WriteLineAsync("CloudWatch: interrupted; the calls listed as accepted went out, the rest did not").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
    }

    private static async Task<int> PublishToCloudWatchAsync(RunData run, PublishOptions options, CloudWatchTarget? target, TextWriter output,
        TextWriter error, CancellationToken cancellationToken)
    {
        var plan = CloudWatchPublisher.Plan(run, options.Namespace, options.Dashboard, target?.Region ?? "us-east-1");
        await output.WriteLineAsync($"CloudWatch: {plan.Data.Count} data of {plan.CustomMetrics} custom metric(s) in namespace {plan.Namespace}, " +
            $"{plan.ApiCalls} API call(s){(target is null ? "" : $" to {target.Endpoint} ({target.Region}, partition {target.Partition})")}").ConfigureAwait(false);
        if (options.MaxMetrics is { } cap && plan.CustomMetrics > cap)
        {
            return await RefuseAsync(error, [$"--max-metrics {cap}: this run would create {plan.CustomMetrics} custom metrics " +
                "(CloudWatch bills each per month and cannot delete one); raise the cap or publish fewer rows"]).ConfigureAwait(false);
        }

        if (options.DryRun)
        {
            for (var i = 0; i < plan.Batches.Count; i++)
            {
                await output.WriteLineAsync($"# PutMetricData {i + 1}/{plan.Batches.Count}: {plan.Batches[i].Data.Count} data").ConfigureAwait(false);
                await output.WriteLineAsync(Encoding.UTF8.GetString(plan.Batches[i].Body)).ConfigureAwait(false);
            }

            if (plan.DashboardBody is { } body)
            {
                await output.WriteLineAsync($"# PutDashboard {plan.DashboardName}").ConfigureAwait(false);
                await output.WriteLineAsync(body).ConfigureAwait(false);
            }

            await output.WriteLineAsync("Dry run: nothing was sent.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var credentials = CloudWatchCredentials.Resolve(target!, out var credentialProblem);
        if (credentials is null)
        {
            return await RefuseAsync(error, [credentialProblem!]).ConfigureAwait(false);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var sender = new CloudWatchSender(http, target!, _ => credentials.GetCredentialsAsync(), CloudWatchRetry.Default, TimeProvider.System,
            (failed, wait) => error.WriteLine($"CloudWatch: {failed}; trying again in {wait.TotalSeconds:0.0} s"));
        var result = await CloudWatchPublisher.PublishAsync(plan, sender, line => output.WriteLine($"CloudWatch: {line}"), cancellationToken)
            .ConfigureAwait(false);
        if (result.Complete)
        {
            await output.WriteLineAsync($"CloudWatch: all {result.Succeeded} call(s) accepted.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        foreach (var failure in result.Failures)
        {
            await error.WriteLineAsync($"CloudWatch: failed: {failure}").ConfigureAwait(false);
        }

        await error.WriteLineAsync($"CloudWatch: {result.UnsentRows.Count} row(s) did not go out:").ConfigureAwait(false);
        foreach (var row in result.UnsentRows)
        {
            await error.WriteLineAsync($"  {row}").ConfigureAwait(false);
        }

        return ExitCodes.RunFailed;
    }

    private static async Task<int> RefuseAsync(TextWriter error, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"latency publish: {problem}").ConfigureAwait(false);
        }

        await error.WriteLineAsync("latency publish: nothing was published").ConfigureAwait(false);
        return ExitCodes.BadInput;
    }
}
