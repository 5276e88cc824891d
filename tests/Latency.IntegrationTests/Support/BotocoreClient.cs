using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// Requests to a <see cref="CloudWatchEndpoint"/> signed by botocore's own SigV4Auth (CloudWatch/botocore_client.py),
/// a client known to sign right: a refusal it gets proves the endpoint's check, not a signing bug of ours.
/// </summary>
public static class BotocoreClient
{
    /// <summary>
    /// Sends <paramref name="body"/> <paramref name="repeat"/> times, signed anew each time with the endpoint's
    /// access key and <paramref name="secretKey"/> (the endpoint's when null); returns each answer as
    /// <c>{"status": 200, "body": {...}}</c>.
    /// </summary>
    public static Task<IReadOnlyList<JsonElement>> SendAsync(
        CloudWatchEndpoint endpoint, string body, string? secretKey = null, string operation = "PutMetricData", bool gzip = false, int repeat = 1) =>
        SendAsync(endpoint, [body], secretKey, operation, gzip, repeat);

    /// <summary>Sends <paramref name="bodies"/> in order from one process (one python start, not one a body).</summary>
    public static async Task<IReadOnlyList<JsonElement>> SendAsync(
        CloudWatchEndpoint endpoint, IReadOnlyList<string> bodies, string? secretKey = null, string operation = "PutMetricData", bool gzip = false, int repeat = 1)
    {
        using var directory = new TempDirectory();
        var info = new ProcessStartInfo(ExternalTool.DebianPython)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            Path.Combine(CloudWatchEndpoint.ScriptDirectory, "botocore_client.py"),
            "--url", endpoint.Url.AbsoluteUri,
            "--access-key", endpoint.Options.AccessKey,
            "--secret-key", secretKey ?? endpoint.Options.SecretKey,
            "--region", endpoint.Options.Region,
            "--operation", operation,
            "--repeat", repeat.ToString(CultureInfo.InvariantCulture),
            .. bodies.SelectMany((body, i) => new[] { "--body", directory.File($"body{i}.json", body) }),
        ];
        foreach (var argument in gzip ? arguments.Append("--gzip") : arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {ExternalTool.DebianPython}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"botocore_client.py failed ({process.ExitCode}): {await errors}\nendpoint: {endpoint.StandardError}");
        }

        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.Clone();
            })
            .ToList();
    }
}
