using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// A local CloudWatch (PutMetricData, PutDashboard over AWS JSON 1.0) that checks requests with Debian's
/// python3-botocore: it recomputes the SigV4 signature from <see cref="Options"/>' credentials, validates bodies
/// against botocore's CloudWatch model and the service's documented limits, answers in the service's error shape and
/// records what it accepts (<see cref="Accepted"/>). CloudWatch/cloudwatch_endpoint.py says what it checks.
/// </summary>
public sealed class CloudWatchEndpoint : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly string _recordPath;
    private readonly StringBuilder _standardError;

    // Private: only StartAsync makes one, once the process listens.
    private CloudWatchEndpoint(Process process, TempDirectory directory, string recordPath, StringBuilder standardError, Uri url, CloudWatchEndpointOptions options)
    {
        _process = process;
        _directory = directory;
        _recordPath = recordPath;
        _standardError = standardError;
        Url = url;
        Options = options;
    }

    /// <summary>The endpoint's URL, http://127.0.0.1:PORT/.</summary>
    public Uri Url { get; }

    /// <summary>The credentials and error knobs it was started with.</summary>
    public CloudWatchEndpointOptions Options { get; }

    /// <summary>The scripts' folder in the test output (the csproj copies CloudWatch/*.py there).</summary>
    public static string ScriptDirectory => Path.Combine(AppContext.BaseDirectory, "CloudWatch");

    /// <summary>What the endpoint has written to stderr so far: one line per request with its status, for diagnostics.</summary>
    public string StandardError
    {
        get
        {
            lock (_standardError)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>Starts the endpoint and returns once it listens.</summary>
    public static async Task<CloudWatchEndpoint> StartAsync(CloudWatchEndpointOptions? options = null)
    {
        options ??= new CloudWatchEndpointOptions();
        if (ExternalTool.MissingBotocore() is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var directory = new TempDirectory();
        var recordPath = directory.File("accepted.jsonl");
        var info = new ProcessStartInfo(ExternalTool.DebianPython)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(ScriptDirectory, "cloudwatch_endpoint.py"));
        AddArguments(info.ArgumentList, options, recordPath);

        var standardError = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (standardError)
                {
                    standardError.AppendLine(e.Data);
                }
            }
        };
        try
        {
            process.Start();
            process.BeginErrorReadLine();

            // The port is printed once the socket listens, so a test never races the bind.
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout);
            if (line?.Split(' ') is not ["listening", var portText] || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                await process.WaitForExitAsync().WaitAsync(StartTimeout);
                string diagnostics;
                lock (standardError)
                {
                    diagnostics = standardError.ToString();
                }

                throw new InvalidOperationException($"the CloudWatch endpoint did not start: {line}\n{diagnostics}");
            }

            return new CloudWatchEndpoint(process, directory, recordPath, standardError, new Uri($"http://127.0.0.1:{port}/"), options);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The requests accepted so far, in the order accepted.</summary>
    public IReadOnlyList<AcceptedCloudWatchRequest> Accepted()
    {
        if (!File.Exists(_recordPath))
        {
            return [];
        }

        // The endpoint keeps the file open and writes a whole line per request, flushed; a line still being written
        // has no newline yet, so only complete lines are read.
        using var stream = new FileStream(_recordPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream, Encoding.UTF8).ReadToEnd();
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _directory.Dispose();
    }

    private static void AddArguments(ICollection<string> arguments, CloudWatchEndpointOptions options, string recordPath)
    {
        void Add(string name, string value)
        {
            arguments.Add(name);
            arguments.Add(value);
        }

        Add("--access-key", options.AccessKey);
        Add("--secret-key", options.SecretKey);
        Add("--region", options.Region);
        Add("--record", recordPath);
        Add("--throttle", options.Throttle.ToString(CultureInfo.InvariantCulture));
        Add("--fail", options.Fail.ToString(CultureInfo.InvariantCulture));
        if (options.SessionToken is { } token)
        {
            Add("--session-token", token);
        }

        if (options.MetricNow is { } now)
        {
            Add("--metric-now", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }
    }

    private static AcceptedCloudWatchRequest Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new AcceptedCloudWatchRequest(
            root.GetProperty("operation").GetString() ?? string.Empty,
            root.GetProperty("body").Clone(),
            root.GetProperty("gzip").GetBoolean());
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone: nothing to stop.
        }
    }
}
