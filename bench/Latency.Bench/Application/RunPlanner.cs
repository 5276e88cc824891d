using System.Globalization;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.Scenarios.Load;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// Checks a <see cref="RunRequest"/> and turns it into a <see cref="RunPlan"/>: the one place where a run's input is
/// validated. It collects every problem (an option's with its name; the suite's, its workloads' and its world's
/// with file and line; the engine's plan of the scenarios; the study's arrivals) so a user fixes them in one go, and
/// nothing runs or is written before all of them pass.
/// </summary>
public static class RunPlanner
{
    /// <summary>The run <paramref name="request"/> asks for; throws <see cref="InputValidationException"/> with every problem.</summary>
    /// <param name="request">The options as typed.</param>
    /// <param name="now">The time the default run directory is named after.</param>
    public static RunPlan Plan(RunRequest request, Func<DateTimeOffset> now)
    {
        var errors = new List<ValidationError>();
        TimeSpan? limit = null;
        if (request.Duration is not null)
        {
            if (DurationParser.TryParse(request.Duration, out var d, out var error) && d > TimeSpan.Zero)
            {
                limit = d;
            }
            else
            {
                errors.Add(Option("--duration", error.Length > 0 ? error : $"must be > 0 (got '{request.Duration}')"));
            }
        }

        SuiteDefinition? suite = null;
        if (request.SuitePath is { } maybeOption && maybeOption.StartsWith('-'))
        {
            // System.CommandLine takes an unknown "--rat" for the suite argument; say what it really is.
            errors.Add(Option(maybeOption, "unknown option (see 'latency run --help')"));
            throw new InputValidationException(errors);
        }

        var adHoc = request.Url is not null || request.Rate is not null;
        if (request.SuitePath is not null && adHoc)
        {
            errors.Add(Option("--url", "give either a suite file or --url/--rate, not both"));
        }
        else if (request.SuitePath is not null)
        {
            errors.AddRange(AdHocOnlyOptions(request));
            suite = Load(() => SuiteLoader.Load(request.SuitePath), errors);
        }
        else if (adHoc)
        {
            suite = AdHoc(request, limit, errors);
        }
        else
        {
            errors.AddRange(AdHocOnlyOptions(request));
            suite = Load(DefaultStudy.Load, errors);
        }

        errors.AddRange(DistributedProblems(request, adHoc));
        if (request.HistoryFile is { } historyFile && HistoryService.Unusable(historyFile) is { } historyProblem)
        {
            // Said before the run, not after it: a nightly job must not measure for minutes to learn its history is wrong.
            errors.Add(historyProblem);
        }

        if (request.OutDirectory is { } given && RunDirectoryTarget.Problem(given, request.Force) is { } outProblem)
        {
            errors.Add(Option("--out", outProblem));
        }

        if (suite is null)
        {
            throw new InputValidationException(errors);
        }

        // For the one-liner, --duration already is the length of its inject phase; as a limit too it would cut the
        // last arrivals, because the phase starts a moment after the engine does.
        var durationLimit = adHoc ? null : limit;
        var scenarios = suite.Scenarios.Count > 0 ? PlanScenarios(suite, errors) : [];
        var study = suite.Study is { } definition ? Load(() => StudyPreparation.Prepare(suite, definition, durationLimit), errors) : null;
        if (request.Nats is not null && suite.Study is null)
        {
            errors.Add(Option("--nats", "runs a suite's study on agents; this suite has no 'study' section"));
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var outDirectory = request.OutDirectory
            ?? Path.Combine("runs", $"{now().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{suite.Name}");
        if (request.OutDirectory is null && RunDirectoryTarget.Problem(outDirectory, force: false) is { } defaultProblem)
        {
            // Two runs of one suite started in the same second: the second must not write into the first.
            throw new InputValidationException([Option("--out", defaultProblem)]);
        }
        return new RunPlan(suite, outDirectory, durationLimit) { Scenarios = scenarios, Study = study };
    }

    /// <summary>The distributed options' problems: each must parse, and they go with <c>--nats</c> and a suite or the default study.</summary>
    private static IEnumerable<ValidationError> DistributedProblems(RunRequest request, bool adHoc)
    {
        if (request.Nats is null)
        {
            foreach (var (name, value) in new[] { ("--creds", request.NatsCredentials), ("--wait-agents", request.WaitAgents), ("--clock-bound", request.ClockBound) })
            {
                if (value is not null)
                {
                    yield return Option(name, "goes with --nats (a distributed run)");
                }
            }

            yield break;
        }

        if (adHoc)
        {
            yield return Option("--nats", "runs a study on agents; --url/--rate runs here (give a suite, or none for the default study)");
        }

        foreach (var problem in new Distributed.NatsEndpoint(request.Nats, request.NatsCredentials).Problems())
        {
            yield return new ValidationError(null, problem);
        }

        foreach (var (name, value) in new[] { ("--wait-agents", request.WaitAgents), ("--clock-bound", request.ClockBound) })
        {
            if (value is not null && !(DurationParser.TryParse(value, out var parsed, out var error) && parsed > TimeSpan.Zero))
            {
                yield return Option(name, error.Length > 0 ? error : $"must be > 0 (got '{value}')");
            }
        }
    }

    private static IReadOnlyList<(ScenarioProps Props, LoadTimeline Timeline)> PlanScenarios(SuiteDefinition suite, List<ValidationError> errors)
    {
        var (plans, problems) = LoadEngine.Plan(suite.Scenarios.Select(s => HttpScenarioFactory.Create(s)).ToList());
        errors.AddRange(problems);
        return plans;
    }

    private static T? Load<T>(Func<T> load, List<ValidationError> errors)
        where T : class
    {
        try
        {
            return load();
        }
        catch (InputValidationException ex)
        {
            errors.AddRange(ex.Errors);
            return null;
        }
    }

    private static IEnumerable<ValidationError> AdHocOnlyOptions(RunRequest request)
    {
        if (request.Connections is not null) yield return Option("--connections", "applies to --url runs; a suite sets connections per scenario");
        if (request.Http is not null) yield return Option("--http", "applies to --url runs; a suite sets http per scenario");
        if (request.Method is not null) yield return Option("--method", "applies to --url runs");
        if (request.Timeout is not null) yield return Option("--timeout", "applies to --url runs");
        if (request.WarmUp is not null) yield return Option("--warm-up", "applies to --url runs; a suite sets warm_up per scenario");
    }

    /// <summary>The one-liner, like wrk2 or vegeta: one GET (or --method) at --rate per second.</summary>
    private static SuiteDefinition? AdHoc(RunRequest request, TimeSpan? duration, List<ValidationError> errors)
    {
        var start = errors.Count;
        Uri? url = null;
        if (request.Url is null)
        {
            errors.Add(Option("--url", "is required with --rate"));
        }
        else if (!Uri.TryCreate(request.Url, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(Option("--url", $"must be an absolute http:// or https:// URL (got '{request.Url}')"));
        }

        if (request.Rate is not { } rate)
        {
            errors.Add(Option("--rate", "is required with --url (requests per second)"));
            rate = 0;
        }
        else if (!(rate > 0) || double.IsInfinity(rate))
        {
            errors.Add(Option("--rate", double.IsInfinity(rate)
                ? "must be > 0 and finite (got a number too large for a rate)"
                : $"must be > 0 (got {rate.ToString(CultureInfo.InvariantCulture)})"));
        }

        var connections = request.Connections ?? 10;
        if (connections <= 0)
        {
            errors.Add(Option("--connections", $"must be > 0 (got {connections})"));
        }

        var http = request.Http ?? "1.1";
        if (http is not ("1.1" or "2"))
        {
            errors.Add(Option("--http", $"must be 1.1 or 2 (got '{http}')"));
        }

        var method = (request.Method ?? "GET").ToUpperInvariant();
        if (!HttpStepDefinition.Methods.Contains(method))
        {
            errors.Add(Option("--method", $"must be one of {string.Join(", ", HttpStepDefinition.Methods)} (got '{request.Method}')"));
        }

        var timeout = ParseDuration("--timeout", request.Timeout, HttpStepDefinition.DefaultTimeout, errors);
        var warmUp = ParseDuration("--warm-up", request.WarmUp, TimeSpan.Zero, errors, allowZero: true);
        if (errors.Count > start || url is null)
        {
            return null;
        }

        var during = duration ?? TimeSpan.FromSeconds(10);
        var step = new HttpStepDefinition("request", "url", url, method, new Dictionary<string, string>(), 0, timeout, null);
        var scenario = new ScenarioDefinition("url", [step], [new Inject(rate, TimeSpan.FromSeconds(1), during)], [],
            warmUp, http, connections, ScenarioDefinition.DefaultMaxStartDelay, null);
        return new SuiteDefinition("url", "(command line)", new Dictionary<string, Uri> { ["url"] = url }, [scenario]);
    }

    private static TimeSpan ParseDuration(string option, string? text, TimeSpan fallback, List<ValidationError> errors, bool allowZero = false)
    {
        if (text is null)
        {
            return fallback;
        }

        if (DurationParser.TryParse(text, out var value, out var error) && (allowZero ? value >= TimeSpan.Zero : value > TimeSpan.Zero))
        {
            return value;
        }

        errors.Add(Option(option, error.Length > 0 ? error : $"must be > 0 (got '{text}')"));
        return fallback;
    }

    private static ValidationError Option(string name, string message) => new(null, $"{name}: {message}");
}
